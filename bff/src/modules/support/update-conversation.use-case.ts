import { Injectable } from '@nestjs/common';
import type { ConversationUpdate } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.js';
import { ConversationRepository } from './conversation.repository.js';

/** Status (resolve, snooze, reopen), priority and labels. Resolving stamps the resolution time for SLA. */
@Injectable()
export class UpdateConversationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
  ) {}

  async execute(input: { conversationId: string; staff: AuthenticatedStaff; update: ConversationUpdate }): Promise<void> {
    const { status, snoozedUntil, priority, labels } = input.update;
    await this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      if (conversation.status === 'resolved' && status && status !== 'resolved') {
        // A user with a newer live conversation would break "one live conversation per user".
        const [live] = (await tx.manager.query(`SELECT 1 FROM support_conversations WHERE openid = $1 AND status <> 'resolved'`, [conversation.openid])) as unknown[];
        if (live) throw new AppException('CONFLICT');
      }
      const now = this.clock.now();
      await tx.manager.query(
        `UPDATE support_conversations
            SET status = coalesce($2, status),
                snoozed_until = CASE WHEN $2 = 'snoozed' THEN $3::timestamptz WHEN $2 IS NULL THEN snoozed_until ELSE NULL END,
                priority = coalesce($4, priority),
                labels = coalesce($5::text[], labels),
                resolved_at = CASE WHEN $2 = 'resolved' THEN $6::timestamptz WHEN $2 IS NULL THEN resolved_at ELSE NULL END,
                resolved_by = CASE WHEN $2 = 'resolved' THEN $7::uuid WHEN $2 IS NULL THEN resolved_by ELSE NULL END,
                updated_at = now()
          WHERE id = $1`,
        [conversation.id, status ?? null, snoozedUntil ?? null, priority ?? null, labels ?? null, now, input.staff.staffUserId],
      );
      await this.audit.record(input.staff, { action: 'support_update', resourceType: 'conversation', resourceId: conversation.id, detail: { ...input.update } },
        tx.manager,
      );
    });
  }
}
