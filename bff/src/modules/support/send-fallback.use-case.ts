import { Inject, Injectable } from '@nestjs/common';
import { csReplyVerdict } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { allowanceOf, ConversationRepository } from './conversation.repository.js';
import { SUPPORT_QUEUES } from './support.queues.js';

/**
 * Past WeChat's reply window the only way to reach the user is a subscribe message they accepted
 * (one accept, one message): the credit is used in this transaction and the send is a job.
 */
@Injectable()
export class SendFallbackUseCase {
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
  }): Promise<{ messageId: string }> {
    return this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      const verdict = csReplyVerdict(allowanceOf(conversation), this.clock.now().getTime());
      if (verdict.ok) throw new AppException('SUPPORT_FALLBACK_NOT_NEEDED');
      const credit = conversation.customer_id
        ? rowsOf(
            await tx.manager.query(
              `UPDATE subscriptions SET accepted_count = accepted_count - 1, updated_at = now()
                WHERE customer_id = $1 AND template_id = $2 AND accepted_count > 0 RETURNING template_id`,
              [conversation.customer_id, this.integrations.supportReplyTemplateId],
            ),
          )
        : [];
      if (credit.length === 0) throw new AppException('SUPPORT_FALLBACK_UNAVAILABLE');
      const messageId = await this.conversations.insertOutgoing(tx.manager, {
        conversationId: conversation.id,
        direction: 'out',
        kind: 'subscribe',
        text: input.text,
        authorKind: 'staff',
        staffUserId: input.staff.staffUserId,
        at: this.clock.now(),
      });
      await this.audit.record(
        input.staff,
        {
          action: 'support_fallback',
          resourceType: 'conversation',
          resourceId: conversation.id,
          detail: { messageId },
        },
        tx.manager,
      );
      await tx.enqueue(SUPPORT_QUEUES.deliverReply, { messageId });
      return { messageId };
    });
  }
}
