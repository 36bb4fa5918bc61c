import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Clock } from '../../src/core/clock/clock.js';
import { PostCustomerMessageUseCase } from '../../src/modules/support/post-customer-message.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { RATING_PAGE, UpdateConversationUseCase } from '../../src/modules/support/update-conversation.use-case.js';
import { addCustomer, openMedium, type Medium } from '../support/medium.js';
import {
  addConversation,
  addStaff,
  auditRows,
  clockAhead,
  conversationState,
  customerWrites,
  openSupport,
  runIngestJobs,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * UpdateConversationUseCase on a real PostgreSQL, on conversations a customer opened by writing in
 * WeChat (pushed by the simulator over real HTTP) or on the H5 chat page: status, priority and
 * labels change and are audited; resolving stamps who and when and invites the user to rate once —
 * in WeChat with a reply linking to the rating (only while the window allows one, and using it), on
 * the chat page by the page itself. Reopening a conversation whose user already has a newer live one
 * is refused and changes nothing.
 */
describe('UpdateConversationUseCase', () => {
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

  const updateOn = (clock: Clock) =>
    new UpdateConversationUseCase(medium.unitOfWork, support.conversations, support.audit, clock, medium.integrations);
  const conversationOf = async (conversationId: string) =>
    (
      await medium.db.query(
        `SELECT c.status, c.resolved_by, c.resolved_at IS NOT NULL AS resolved, c.rating_invited_at IS NOT NULL AS invited,
                c.replies_remaining, c.priority, c.labels, c.snoozed_until,
                (SELECT json_agg(json_build_object('author', m.author_kind, 'text', m.text, 'state', m.send_state) ORDER BY m.seq)
                   FROM support_messages m WHERE m.conversation_id = c.id AND m.direction = 'out') AS replies
           FROM support_conversations c WHERE c.id = $1`,
        [conversationId],
      )
    ).rows[0];

  it('resolving a WeChat conversation stamps who and when, and invites the user to rate with one reply', async () => {
    const { conversationId } = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    const jobsBefore = medium.jobs.length;

    await updateOn(medium.clock).execute({ conversationId, staff, update: { status: 'resolved' } });

    expect(await conversationOf(conversationId)).toMatchObject({
      status: 'resolved',
      resolved_by: staff.staffUserId,
      resolved: true,
      invited: true,
      replies_remaining: 4,
      replies: [
        {
          author: 'auto',
          text: expect.stringContaining(`data-miniprogram-path="${RATING_PAGE}?rate=1"`),
          state: 'queued',
        },
      ],
    });
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: SUPPORT_QUEUES.deliverReply, data: { messageId: expect.any(String) } },
    ]);
    expect(await auditRows(medium.db, 'support_update', conversationId)).toEqual([
      expect.objectContaining({ staff_user_id: staff.staffUserId, detail: { status: 'resolved' } }),
    ]);
  });

  it('past the reply window the conversation is resolved without writing to the user', async () => {
    const { conversationId } = await addConversation(medium, support);
    const jobsBefore = medium.jobs.length;

    await updateOn(clockAhead(medium, 49)).execute({
      conversationId,
      staff: await addStaff(medium.db),
      update: { status: 'resolved' },
    });

    expect(await conversationOf(conversationId)).toMatchObject({
      status: 'resolved',
      invited: false,
      replies_remaining: 5,
      replies: null,
    });
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it("on the H5 chat page the invitation is the page's own: no reply is written", async () => {
    const customer = await addCustomer(medium.db);
    const from = medium.jobs.length;
    await new PostCustomerMessageUseCase(support.receive, medium.clock).execute({
      openid: customer.openid,
      text: '咨询',
    });
    await runIngestJobs(medium, support, from);
    const {
      rows: [{ id: conversationId }],
    } = await medium.db.query<{ id: string }>(`SELECT id FROM support_conversations WHERE openid = $1`, [
      customer.openid,
    ]);

    await updateOn(medium.clock).execute({
      conversationId,
      staff: await addStaff(medium.db),
      update: { status: 'resolved' },
    });

    expect(await conversationOf(conversationId)).toMatchObject({ status: 'resolved', invited: true, replies: null });
  });

  it('a conversation reopened and resolved again invites the user only once', async () => {
    const { conversationId } = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    await updateOn(medium.clock).execute({ conversationId, staff, update: { status: 'resolved' } });
    await updateOn(medium.clock).execute({ conversationId, staff, update: { status: 'open' } });

    await updateOn(medium.clock).execute({ conversationId, staff, update: { status: 'resolved' } });

    expect((await conversationOf(conversationId)).replies).toHaveLength(1);
  });

  it('priority, labels and snoozing change as asked', async () => {
    const { conversationId } = await addConversation(medium, support);
    const until = new Date(Date.now() + 2 * 3600_000);

    await updateOn(medium.clock).execute({
      conversationId,
      staff: await addStaff(medium.db),
      update: { status: 'snoozed', snoozedUntil: until.toISOString(), priority: 'urgent', labels: ['退保', 'VIP'] },
    });

    expect(await conversationOf(conversationId)).toMatchObject({
      status: 'snoozed',
      snoozed_until: until,
      priority: 'urgent',
      labels: ['退保', 'VIP'],
      resolved: false,
    });
  });

  it('a resolved conversation cannot be reopened once its user has a newer live one, and nothing changes', async () => {
    const first = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    await updateOn(clockAhead(medium, 49)).execute({
      conversationId: first.conversationId,
      staff,
      update: { status: 'resolved' },
    });
    const second = await customerWrites(medium, support, first.customer, '新的问题');
    expect(second.conversationId).not.toBe(first.conversationId);
    const before = await conversationState(medium.db, first.conversationId);

    await expect(
      updateOn(medium.clock).execute({ conversationId: first.conversationId, staff, update: { status: 'open' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await conversationState(medium.db, first.conversationId)).toBe(before);
  });

  it('an unknown conversation is not found', async () => {
    await expect(
      updateOn(medium.clock).execute({
        conversationId: '00000000-0000-4000-8000-000000000000',
        staff: await addStaff(medium.db),
        update: { priority: 'high' },
      }),
    ).rejects.toMatchObject({ code: 'SUPPORT_CONVERSATION_NOT_FOUND' });
  });
});
