import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { ConversationRepository } from './conversation.repository.js';

/** An internal note: seen by agents only, never sent, never counted against WeChat's quota. */
@Injectable()
export class AddNoteUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
  ) {}

  async execute(input: {
    conversationId: string;
    staff: AuthenticatedStaff;
    text: string;
  }): Promise<{ messageId: string }> {
    return this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      const messageId = await this.conversations.insertOutgoing(tx.manager, {
        conversationId: conversation.id,
        direction: 'note',
        kind: 'text',
        text: input.text,
        authorKind: 'staff',
        staffUserId: input.staff.staffUserId,
        at: this.clock.now(),
      });
      await this.audit.record(
        input.staff,
        { action: 'support_note', resourceType: 'conversation', resourceId: conversation.id, detail: { messageId } },
        tx.manager,
      );
      return { messageId };
    });
  }
}
