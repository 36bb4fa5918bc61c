import { Inject, Injectable, Logger } from '@nestjs/common';
import { csReplyVerdict } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { allowanceOf, ConversationRepository } from './conversation.repository.js';
import { SUPPORT_QUEUES } from './support.queues.js';

/**
 * An agent's reply. WeChat allows 5 replies within 48 h of the user's last message: the BFF
 * refuses what WeChat would refuse, before calling it (the send itself leaves through a job
 * enqueued in this transaction). Past the window the refusal says whether a subscribe message the
 * user consented to can still reach them. The first agent reply ends automatic answers.
 */
@Injectable()
export class SendReplyUseCase {
  private readonly logger = new Logger('SendReply');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(input: {
    conversationId: string;
    staff: AuthenticatedStaff;
    text: string;
    cannedReplyId?: string;
  }): Promise<{ messageId: string }> {
    return this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      const now = this.clock.now();
      // A conversation on the H5 chat page is read by the page itself: WeChat's limits do not apply.
      const verdict =
        conversation.channel === 'h5'
          ? { ok: true as const, remainingAfter: conversation.replies_remaining }
          : csReplyVerdict(allowanceOf(conversation), now.getTime());
      if (!verdict.ok) {
        if (verdict.reason === 'quota_used')
          throw new AppException('SUPPORT_REPLY_QUOTA_USED', { remaining: 0, deadline: conversation.reply_deadline });
        throw new AppException('SUPPORT_REPLY_WINDOW_CLOSED', {
          fallback: {
            available: conversation.fallback_available,
            templateId: this.integrations.supportReplyTemplateId,
          },
        });
      }
      const messageId = await this.conversations.insertOutgoing(tx.manager, {
        conversationId: conversation.id,
        direction: 'out',
        kind: 'text',
        text: input.text,
        authorKind: 'staff',
        staffUserId: input.staff.staffUserId,
        at: now,
      });
      await tx.manager.query(
        `UPDATE support_conversations
            SET replies_remaining = $2, auto_reply_enabled = false, waiting_since = NULL,
                status = CASE WHEN status = 'open' THEN 'pending' ELSE status END,
                assignee_id = coalesce(assignee_id, $3),
                first_response_at = coalesce(first_response_at, $4), first_response_by = coalesce(first_response_by, $3),
                updated_at = now()
          WHERE id = $1`,
        [conversation.id, verdict.remainingAfter, input.staff.staffUserId, now],
      );
      await this.audit.record(
        input.staff,
        {
          action: 'support_reply',
          resourceType: 'conversation',
          resourceId: conversation.id,
          detail: { messageId, ...(input.cannedReplyId ? { cannedReplyId: input.cannedReplyId } : {}) },
        },
        tx.manager,
      );
      await tx.enqueue(SUPPORT_QUEUES.deliverReply, { messageId });
      this.logger.log(
        { conversationId: conversation.id, messageId, staff: input.staff.username },
        'customer-service reply queued',
      );
      return { messageId };
    });
  }
}
