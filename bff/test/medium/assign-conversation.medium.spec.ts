import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AssignConversationUseCase } from '../../src/modules/support/assign-conversation.use-case.js';
import { openMedium, type Medium } from '../support/medium.js';
import {
  addConversation,
  addStaff,
  auditRows,
  conversationState,
  openSupport,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * AssignConversationUseCase on a real PostgreSQL, on conversations a customer opened by writing in
 * WeChat (pushed by the simulator over real HTTP): any agent takes a conversation; only a lead
 * (whom the staff policy lets `assign`: an admin) gives it to another agent, and only to an active
 * support or admin member; each change is audited with who had it before. Refusals change nothing.
 */
describe('AssignConversationUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let assign: AssignConversationUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    assign = new AssignConversationUseCase(medium.unitOfWork, support.conversations, support.audit);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const assigneeOf = async (conversationId: string) =>
    (await medium.db.query(`SELECT assignee_id FROM support_conversations WHERE id = $1`, [conversationId])).rows[0]!
      .assignee_id as string | null;

  it('an agent takes an unassigned conversation, and the taking is audited', async () => {
    const { conversationId } = await addConversation(medium, support);
    const agent = await addStaff(medium.db);

    await assign.execute({ conversationId, staff: agent });

    expect(await assigneeOf(conversationId)).toBe(agent.staffUserId);
    expect(await auditRows(medium.db, 'support_assign', conversationId)).toEqual([
      expect.objectContaining({
        staff_user_id: agent.staffUserId,
        resource_type: 'conversation',
        detail: { from: null, to: agent.staffUserId },
      }),
    ]);
  });

  it('a lead gives a conversation to another agent', async () => {
    const { conversationId } = await addConversation(medium, support);
    const first = await addStaff(medium.db);
    const second = await addStaff(medium.db);
    const lead = await addStaff(medium.db, ['admin']);
    await assign.execute({ conversationId, staff: first });

    await assign.execute({ conversationId, staff: lead, assigneeId: second.staffUserId });

    expect(await assigneeOf(conversationId)).toBe(second.staffUserId);
    expect((await auditRows(medium.db, 'support_assign', conversationId)).map((row) => row.detail)).toEqual([
      { from: null, to: first.staffUserId },
      { from: first.staffUserId, to: second.staffUserId },
    ]);
  });

  it('an agent who is not a lead cannot give a conversation to someone else, and nothing changes', async () => {
    const { conversationId } = await addConversation(medium, support);
    const agent = await addStaff(medium.db);
    const other = await addStaff(medium.db);
    const before = await conversationState(medium.db, conversationId);

    await expect(assign.execute({ conversationId, staff: agent, assigneeId: other.staffUserId })).rejects.toMatchObject(
      { code: 'SUPPORT_ASSIGN_FORBIDDEN' },
    );

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('a conversation cannot go to a disabled member or to one outside support, and nothing changes', async () => {
    const { conversationId } = await addConversation(medium, support);
    const lead = await addStaff(medium.db, ['admin']);
    const disabled = await addStaff(medium.db);
    await medium.db.query(`UPDATE staff_users SET disabled_at = now() WHERE id = $1`, [disabled.staffUserId]);
    const marketing = await addStaff(medium.db, ['marketing']);
    const before = await conversationState(medium.db, conversationId);

    for (const assignee of [disabled, marketing])
      await expect(
        assign.execute({ conversationId, staff: lead, assigneeId: assignee.staffUserId }),
      ).rejects.toMatchObject({ code: 'SUPPORT_ASSIGNEE_INVALID' });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('an unknown conversation is not found', async () => {
    await expect(
      assign.execute({ conversationId: '00000000-0000-4000-8000-000000000000', staff: await addStaff(medium.db) }),
    ).rejects.toMatchObject({ code: 'SUPPORT_CONVERSATION_NOT_FOUND' });
  });
});
