import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AddNoteUseCase } from '../../src/modules/support/add-note.use-case.js';
import { DeliverReplyUseCase } from '../../src/modules/support/deliver-reply.use-case.js';
import { openMedium, type Medium } from '../support/medium.js';
import { addConversation, addStaff, auditRows, openSupport, type SupportWorld } from '../support/medium-support.js';

/**
 * AddNoteUseCase on a real PostgreSQL, on conversations a customer opened by writing in WeChat
 * (pushed by the simulator over real HTTP): an internal note is seen by agents only — never
 * queued, never sent to WeChat, never counted against its reply allowance — and is audited.
 */
describe('AddNoteUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let note: AddNoteUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    note = new AddNoteUseCase(medium.unitOfWork, support.conversations, support.audit, medium.clock);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  it('a note is kept for agents only: not queued, not counted against the replies, never sent to WeChat, audited', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    const jobsBefore = medium.jobs.length;

    const { messageId } = await note.execute({ conversationId, staff, text: '客户情绪激动，注意措辞' });

    const { rows } = await medium.db.query(
      `SELECT m.direction, m.kind, m.text, m.author_kind, m.author_staff_id, m.send_state, c.replies_remaining, c.status
         FROM support_messages m JOIN support_conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
      [messageId],
    );
    expect(rows).toEqual([
      {
        direction: 'note',
        kind: 'text',
        text: '客户情绪激动，注意措辞',
        author_kind: 'staff',
        author_staff_id: staff.staffUserId,
        send_state: null,
        replies_remaining: 5,
        status: 'open',
      },
    ]);
    expect(medium.jobs.length).toBe(jobsBefore);
    expect(await auditRows(medium.db, 'support_note', conversationId)).toEqual([
      expect.objectContaining({ staff_user_id: staff.staffUserId, detail: { messageId } }),
    ]);

    // Even a delivery run for the conversation leaves the note alone.
    await new DeliverReplyUseCase(
      medium.dataSource,
      support.wechat.customerService,
      support.wechat.subscribeMessages,
      medium.integrations,
    ).execute(messageId);
    expect(medium.sim.ledger.of('custom_message').filter((entry) => entry.openid === customer.openid)).toEqual([]);
  });

  it('an unknown conversation is not found, and no note is kept', async () => {
    const count = async () => (await medium.db.query(`SELECT count(*)::int AS n FROM support_messages`)).rows[0];
    const before = await count();

    await expect(
      note.execute({
        conversationId: '00000000-0000-4000-8000-000000000000',
        staff: await addStaff(medium.db),
        text: '备注',
      }),
    ).rejects.toMatchObject({ code: 'SUPPORT_CONVERSATION_NOT_FOUND' });

    expect(await count()).toEqual(before);
  });
});
