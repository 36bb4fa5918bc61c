import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OpenComplaintUseCase } from '../../src/modules/support/open-complaint.use-case.js';
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
 * OpenComplaintUseCase on a real PostgreSQL, on conversations a customer opened by writing in
 * WeChat (the simulator pushing to the BFF's 消息推送 endpoint over real HTTP): a conversation
 * becomes a complaint ticket accepted now and due in 15 days (30 when complex), the conversation is
 * labelled 投诉 and raised to high priority, the opening audited; one open complaint per
 * conversation, and a refusal changes nothing.
 */
describe('OpenComplaintUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let open: OpenComplaintUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    open = new OpenComplaintUseCase(medium.unitOfWork, support.conversations, support.audit, medium.clock);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const complaintOf = async (complaintId: string) =>
    (
      await medium.db.query(
        `SELECT conversation_id, customer_id, openid, summary, complex, created_by, closed_at, extended_at,
                (extract(epoch FROM deadline - accepted_at) / 86400)::int AS days, accepted_at <= now() AS accepted
           FROM support_complaints WHERE id = $1`,
        [complaintId],
      )
    ).rows[0];

  it('a conversation becomes a complaint due in 15 days, labelled 投诉 at high priority, and the opening is audited', async () => {
    const { conversationId, customer } = await addConversation(medium, support, '你们理赔太慢了，我要投诉');
    const staff = await addStaff(medium.db);

    const { complaintId } = await open.execute({ conversationId, staff, summary: '理赔到账慢', complex: false });

    expect(await complaintOf(complaintId)).toEqual({
      conversation_id: conversationId,
      customer_id: customer.id,
      openid: customer.openid,
      summary: '理赔到账慢',
      complex: false,
      created_by: staff.staffUserId,
      closed_at: null,
      extended_at: null,
      days: 15,
      accepted: true,
    });
    const { rows } = await medium.db.query(`SELECT labels, priority FROM support_conversations WHERE id = $1`, [
      conversationId,
    ]);
    expect(rows).toEqual([{ labels: ['投诉'], priority: 'high' }]);
    expect(await auditRows(medium.db, 'complaint_open', complaintId)).toEqual([
      expect.objectContaining({
        staff_user_id: staff.staffUserId,
        resource_type: 'complaint',
        detail: { conversationId, complex: false, deadline: expect.any(String) },
      }),
    ]);
  });

  it('a complex complaint is due in 30 days', async () => {
    const { conversationId } = await addConversation(medium, support);

    const { complaintId } = await open.execute({
      conversationId,
      staff: await addStaff(medium.db),
      summary: '多笔保单争议',
      complex: true,
    });

    expect(await complaintOf(complaintId)).toMatchObject({ complex: true, days: 30 });
  });

  it('a second complaint on a conversation whose complaint is still open is refused, and nothing changes', async () => {
    const { conversationId } = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    await open.execute({ conversationId, staff, summary: '第一次投诉', complex: false });
    const before = await conversationState(medium.db, conversationId);

    await expect(open.execute({ conversationId, staff, summary: '第二次投诉', complex: true })).rejects.toMatchObject({
      code: 'COMPLAINT_ALREADY_OPEN',
    });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('an unknown conversation is not found, and no complaint is opened', async () => {
    const count = async () => (await medium.db.query(`SELECT count(*)::int AS n FROM support_complaints`)).rows[0];
    const before = await count();

    await expect(
      open.execute({
        conversationId: '00000000-0000-4000-8000-000000000000',
        staff: await addStaff(medium.db),
        summary: '投诉',
        complex: false,
      }),
    ).rejects.toMatchObject({ code: 'SUPPORT_CONVERSATION_NOT_FOUND' });

    expect(await count()).toEqual(before);
  });
});
