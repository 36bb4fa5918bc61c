import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { ConversationRepository } from './conversation.repository.js';

/** Take a conversation (any agent), or give it to another agent (a lead: whoever the staff policy lets `assign`). */
@Injectable()
export class AssignConversationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
  ) {}

  async execute(input: { conversationId: string; staff: AuthenticatedStaff; assigneeId?: string }): Promise<void> {
    const assigneeId = input.assigneeId ?? input.staff.staffUserId;
    if (assigneeId !== input.staff.staffUserId && !input.staff.ability.can('assign', 'Conversation'))
      throw new AppException('SUPPORT_ASSIGN_FORBIDDEN');
    await this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      const [assignee] = (await tx.manager.query(
        `SELECT id FROM staff_users WHERE id = $1 AND disabled_at IS NULL AND roles && ARRAY['support', 'admin']::varchar[]`,
        [assigneeId],
      )) as { id: string }[];
      if (!assignee) throw new AppException('SUPPORT_ASSIGNEE_INVALID');
      await tx.manager.query(`UPDATE support_conversations SET assignee_id = $2, updated_at = now() WHERE id = $1`, [
        conversation.id,
        assigneeId,
      ]);
      await this.audit.record(
        input.staff,
        {
          action: 'support_assign',
          resourceType: 'conversation',
          resourceId: conversation.id,
          detail: { from: conversation.assignee_id, to: assigneeId },
        },
        tx.manager,
      );
    });
  }
}
