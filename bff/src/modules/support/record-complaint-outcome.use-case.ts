import { Inject, Injectable, Logger } from '@nestjs/common';
import { csReplyVerdict } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { ComplaintRepository } from './complaint.repository.js';
import { allowanceOf, ConversationRepository } from './conversation.repository.js';
import { SUPPORT_QUEUES } from './support.queues.js';

/**
 * The complaint's decision, recorded and sent to the user: as a reply while WeChat's window is
 * open, else as the subscribe message they consented to; with neither, it is recorded as not sent
 * (the agent must reach the user another way, e.g. by phone) and the ticket is closed all the same.
 */
@Injectable()
export class RecordComplaintOutcomeUseCase {
  private readonly logger = new Logger('ComplaintOutcome');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(input: {
    complaintId: string;
    staff: AuthenticatedStaff;
    outcome: string;
  }): Promise<{ sentAs: 'reply' | 'subscribe' | 'not_sent' }> {
    return this.uow.run(async (tx) => {
      const complaint = await this.complaints.find(input.complaintId, tx.manager, { lock: true });
      if (!complaint) throw new AppException('COMPLAINT_NOT_FOUND');
      if (complaint.closed_at) throw new AppException('COMPLAINT_CLOSED');
      const conversation = (await this.conversations.find(complaint.conversation_id, tx.manager, { lock: true }))!;
      const now = this.clock.now();
      const text = `【投诉处理结果】${input.outcome}`;
      const verdict = csReplyVerdict(allowanceOf(conversation), now.getTime());
      let sentAs: 'reply' | 'subscribe' | 'not_sent' = 'not_sent';
      if (verdict.ok) {
        sentAs = 'reply';
        await tx.manager.query(
          `UPDATE support_conversations SET replies_remaining = $2, auto_reply_enabled = false WHERE id = $1`,
          [conversation.id, verdict.remainingAfter],
        );
      } else if (
        conversation.customer_id &&
        rowsOf(
          await tx.manager.query(
            `UPDATE subscriptions SET accepted_count = accepted_count - 1, updated_at = now()
              WHERE customer_id = $1 AND template_id = $2 AND accepted_count > 0 RETURNING template_id`,
            [conversation.customer_id, this.integrations.supportReplyTemplateId],
          ),
        ).length > 0
      ) {
        sentAs = 'subscribe';
      }
      let messageId: string | null = null;
      if (sentAs !== 'not_sent') {
        messageId = await this.conversations.insertOutgoing(tx.manager, {
          conversationId: conversation.id,
          direction: 'out',
          kind: sentAs === 'reply' ? 'text' : 'subscribe',
          text: sentAs === 'reply' ? text : '您的投诉已有处理结果，请进入小程序查看',
          authorKind: 'staff',
          staffUserId: input.staff.staffUserId,
          at: now,
        });
        await tx.enqueue(SUPPORT_QUEUES.deliverReply, { messageId });
      }
      await tx.manager.query(
        `UPDATE support_complaints SET outcome = $2, outcome_message_id = $3, closed_at = $4, closed_by = $5 WHERE id = $1`,
        [complaint.id, input.outcome, messageId, now, input.staff.staffUserId],
      );
      await this.audit.record(
        input.staff,
        { action: 'complaint_outcome', resourceType: 'complaint', resourceId: complaint.id, detail: { sentAs } },
        tx.manager,
      );
      this.logger.log(
        { complaintId: complaint.id, sentAs, onTime: now.getTime() <= new Date(complaint.deadline).getTime() },
        'complaint closed',
      );
      return { sentAs };
    });
  }
}
