import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Clock } from '../../src/core/clock/clock.js';
import { PostCustomerMessageUseCase } from '../../src/modules/support/post-customer-message.use-case.js';
import { SendReplyUseCase } from '../../src/modules/support/send-reply.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { addCustomer, openMedium, type Medium } from '../support/medium.js';
import {
  acceptSubscription,
  addConversation,
  addStaff,
  auditRows,
  clockAhead,
  conversationState,
  openSupport,
  runIngestJobs,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * SendReplyUseCase on a real PostgreSQL, on conversations a customer opened by writing in WeChat
 * (pushed by the simulator to the 消息推送 endpoint over real HTTP) or on the H5 chat page: an
 * agent's reply is queued for delivery within WeChat's allowance (5 replies within 48 h of the
 * user's last message), takes the conversation, ends automatic answers and is audited; what
 * WeChat would refuse is refused before calling it and changes nothing — past the window saying
 * whether a subscribe message can still reach the user. The H5 chat page has no such limits.
 */
describe('SendReplyUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const replyOn = (clock: Clock) =>
    new SendReplyUseCase(medium.unitOfWork, support.conversations, support.audit, clock, medium.integrations);

  it("an agent's reply is queued for WeChat, uses one of the 5 replies, takes the conversation and is audited", async () => {
    const { conversationId } = await addConversation(medium, support, '我的航班延误了怎么理赔');
    const staff = await addStaff(medium.db);
    const jobsBefore = medium.jobs.length;

    const { messageId } = await replyOn(medium.clock).execute({
      conversationId,
      staff,
      text: '您好，航班延误险会自动理赔',
      cannedReplyId: 'c-1',
    });

    const { rows } = await medium.db.query(
      `SELECT m.direction, m.kind, m.text, m.author_kind, m.author_staff_id, m.send_state,
              c.status, c.assignee_id, c.replies_remaining, c.auto_reply_enabled, c.waiting_since,
              c.first_response_by, c.first_response_at IS NOT NULL AS responded
         FROM support_messages m JOIN support_conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
      [messageId],
    );
    expect(rows).toEqual([
      {
        direction: 'out',
        kind: 'text',
        text: '您好，航班延误险会自动理赔',
        author_kind: 'staff',
        author_staff_id: staff.staffUserId,
        send_state: 'queued',
        status: 'pending',
        assignee_id: staff.staffUserId,
        replies_remaining: 4,
        auto_reply_enabled: false,
        waiting_since: null,
        first_response_by: staff.staffUserId,
        responded: true,
      },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([{ queue: SUPPORT_QUEUES.deliverReply, data: { messageId } }]);
    expect(await auditRows(medium.db, 'support_reply', conversationId)).toEqual([
      expect.objectContaining({
        staff_user_id: staff.staffUserId,
        resource_type: 'conversation',
        detail: { messageId, cannedReplyId: 'c-1' },
      }),
    ]);
  });

  it('after 5 replies to one message the sixth is refused until the user writes again, and nothing changes', async () => {
    const { conversationId } = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    for (let i = 1; i <= 5; i += 1) await replyOn(medium.clock).execute({ conversationId, staff, text: `回复${i}` });
    const before = await conversationState(medium.db, conversationId);
    const jobsBefore = medium.jobs.length;

    await expect(replyOn(medium.clock).execute({ conversationId, staff, text: '回复6' })).rejects.toMatchObject({
      code: 'SUPPORT_REPLY_QUOTA_USED',
      details: { remaining: 0 },
    });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('48 h after the last message the reply is refused, saying whether a subscribe message can reach the user', async () => {
    const plain = await addConversation(medium, support);
    const subscribed = await addConversation(medium, support);
    await acceptSubscription(medium, subscribed.customer, medium.integrations.supportReplyTemplateId);
    const staff = await addStaff(medium.db);
    const before = [
      await conversationState(medium.db, plain.conversationId),
      await conversationState(medium.db, subscribed.conversationId),
    ];
    const jobsBefore = medium.jobs.length;
    const later = replyOn(clockAhead(medium, 49));

    await expect(later.execute({ conversationId: plain.conversationId, staff, text: '还在吗' })).rejects.toMatchObject({
      code: 'SUPPORT_REPLY_WINDOW_CLOSED',
      details: { fallback: { available: false, templateId: medium.integrations.supportReplyTemplateId } },
    });
    await expect(
      later.execute({ conversationId: subscribed.conversationId, staff, text: '还在吗' }),
    ).rejects.toMatchObject({
      code: 'SUPPORT_REPLY_WINDOW_CLOSED',
      details: { fallback: { available: true } },
    });

    expect([
      await conversationState(medium.db, plain.conversationId),
      await conversationState(medium.db, subscribed.conversationId),
    ]).toEqual(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it("a conversation on the H5 chat page is not bound by WeChat's window", async () => {
    const customer = await addCustomer(medium.db);
    const from = medium.jobs.length;
    await new PostCustomerMessageUseCase(support.receive, medium.clock).execute({
      openid: customer.openid,
      text: '网页上咨询',
    });
    await runIngestJobs(medium, support, from);
    const {
      rows: [conversation],
    } = await medium.db.query<{ id: string; channel: string }>(
      `SELECT id, channel FROM support_conversations WHERE openid = $1`,
      [customer.openid],
    );
    expect(conversation!.channel).toBe('h5');

    const { messageId } = await replyOn(clockAhead(medium, 72)).execute({
      conversationId: conversation!.id,
      staff: await addStaff(medium.db),
      text: '您好',
    });

    const { rows } = await medium.db.query(`SELECT send_state FROM support_messages WHERE id = $1`, [messageId]);
    expect(rows).toEqual([{ send_state: 'queued' }]);
  });

  it('an unknown conversation is not found', async () => {
    await expect(
      replyOn(medium.clock).execute({
        conversationId: '00000000-0000-4000-8000-000000000000',
        staff: await addStaff(medium.db),
        text: '您好',
      }),
    ).rejects.toMatchObject({ code: 'SUPPORT_CONVERSATION_NOT_FOUND' });
  });
});
