import { Injectable, Logger } from '@nestjs/common';
import { complaintDeadline, complaintTrackOf } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { ConversationRepository } from './conversation.repository.js';

/**
 * A conversation becomes a complaint ticket (compliance.md row 6): accepted now, to be decided and
 * answered within 15 days (30 when complex). One open complaint per conversation.
 */
@Injectable()
export class OpenComplaintUseCase {
  private readonly logger = new Logger('OpenComplaint');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
  ) {}

  async execute(input: {
    conversationId: string;
    staff: AuthenticatedStaff;
    summary: string;
    complex: boolean;
  }): Promise<{ complaintId: string }> {
    return this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      if (conversation.has_open_complaint) throw new AppException('COMPLAINT_ALREADY_OPEN');
      const acceptedAt = this.clock.now();
      const deadline = complaintDeadline(acceptedAt, complaintTrackOf({ complex: input.complex, extended: false }));
      const [row] = (await tx.manager.query(
        `INSERT INTO support_complaints (conversation_id, customer_id, openid, summary, complex, accepted_at, deadline, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          conversation.id,
          conversation.customer_id,
          conversation.openid,
          input.summary,
          input.complex,
          acceptedAt,
          deadline,
          input.staff.staffUserId,
        ],
      )) as { id: string }[];
      await tx.manager.query(
        `UPDATE support_conversations SET labels = CASE WHEN '投诉' = ANY(labels) THEN labels ELSE array_append(labels, '投诉') END,
                priority = CASE WHEN priority IN ('low', 'normal') THEN 'high' ELSE priority END, updated_at = now() WHERE id = $1`,
        [conversation.id],
      );
      await this.audit.record(
        input.staff,
        {
          action: 'complaint_open',
          resourceType: 'complaint',
          resourceId: row!.id,
          detail: { conversationId: conversation.id, complex: input.complex, deadline: deadline.toISOString() },
        },
        tx.manager,
      );
      this.logger.log(
        { complaintId: row!.id, conversationId: conversation.id, deadline: deadline.toISOString() },
        'complaint accepted',
      );
      return { complaintId: row!.id };
    });
  }
}
