import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UpdateConversationUseCase } from '../../src/modules/support/update-conversation.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { addApprovedFlightClaim, addCustomer, openMedium, type Medium } from '../support/medium.js';
import {
  addStaff,
  conversationState,
  customerWrites,
  openSupport,
  runIngestJobs,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * IngestCsMessageUseCase on a real PostgreSQL, on pushes the WeChat simulator delivered over real
 * HTTP to the 消息推送 endpoint (stored by ReceiveCsPushUseCase): a stored push becomes a message of
 * the user's one live conversation, opened if need be and linked to the customer; WeChat's reply
 * allowance is widened as WeChat widens it; a claim question is answered at once while no agent
 * has replied; a push is ingested once.
 */
describe('IngestCsMessageUseCase', () => {
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

  const conversationsOf = async (openid: string) =>
    (
      await medium.db.query(
        `SELECT c.id, c.customer_id, c.status, c.channel, c.preview, c.replies_remaining, c.auto_reply_enabled, c.session_from,
                c.waiting_since IS NOT NULL AS waiting,
                round(extract(epoch FROM c.reply_deadline - c.last_message_at) / 3600) AS window_hours,
                (SELECT json_agg(json_build_object('direction', m.direction, 'kind', m.kind, 'text', m.text, 'author', m.author_kind) ORDER BY m.seq)
                   FROM support_messages m WHERE m.conversation_id = c.id) AS messages
           FROM support_conversations c WHERE c.openid = $1 ORDER BY c.created_at`,
        [openid],
      )
    ).rows;
  /** The keys of the pushes the simulator delivered since `from` (what the ingest job is given). */
  const pushedKeys = (from: number) =>
    medium.jobs
      .slice(from)
      .filter((job) => job.queue === SUPPORT_QUEUES.ingestPushes)
      .flatMap((job) => (job.data as { dedupeKeys: string[] }).dedupeKeys);

  it("a customer's first message opens a conversation waiting for an agent, with WeChat's 5 replies in 48 h", async () => {
    const customer = await addCustomer(medium.db);

    await customerWrites(medium, support, customer, '请问怎么退保');

    expect(await conversationsOf(customer.openid)).toEqual([
      {
        id: expect.any(String),
        customer_id: customer.id,
        status: 'open',
        channel: 'wechat',
        preview: '请问怎么退保',
        replies_remaining: 5,
        auto_reply_enabled: true,
        session_from: null,
        waiting: true,
        window_hours: '48',
        messages: [{ direction: 'in', kind: 'text', text: '请问怎么退保', author: 'user' }],
      },
    ]);
  });

  it("the customer's next messages join the same live conversation", async () => {
    const customer = await addCustomer(medium.db);
    const first = await customerWrites(medium, support, customer, '你好');

    const second = await customerWrites(medium, support, customer, '在吗');

    expect(second.conversationId).toBe(first.conversationId);
    const [conversation] = await conversationsOf(customer.openid);
    expect(conversation.messages.map((message: { text: string }) => message.text)).toEqual(['你好', '在吗']);
    expect(conversation.preview).toBe('在吗');
  });

  it('a push already ingested is not ingested again, and nothing changes', async () => {
    const customer = await addCustomer(medium.db);
    const from = medium.jobs.length;
    const { conversationId } = await customerWrites(medium, support, customer, '只说一次');
    const before = await conversationState(medium.db, conversationId);

    for (const key of pushedKeys(from)) await support.ingest.execute(key);

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('someone who never signed in to the mini-program gets a conversation with no customer', async () => {
    const openid = `ostranger_${Date.now()}`;
    const from = medium.jobs.length;
    await medium.sim.sendCustomerServiceMessage({ openid, content: '你们是什么保险' });
    await runIngestJobs(medium, support, from);

    expect(await conversationsOf(openid)).toEqual([
      expect.objectContaining({ customer_id: null, status: 'open', preview: '你们是什么保险' }),
    ]);
  });

  it('entering the chat from a claim page records where the user came from as an event of the conversation', async () => {
    const customer = await addCustomer(medium.db);
    await customerWrites(medium, support, customer, '你好');
    const from = medium.jobs.length;

    await medium.sim.enterCustomerServiceSession({ openid: customer.openid, sessionFrom: 'claim:C2612050000000001' });
    await runIngestJobs(medium, support, from);

    const [conversation] = await conversationsOf(customer.openid);
    expect(conversation).toMatchObject({ session_from: 'claim:C2612050000000001', status: 'open' });
    expect(conversation.messages.at(-1)).toEqual({
      direction: 'in',
      kind: 'event',
      text: 'claim:C2612050000000001',
      author: 'user',
    });
  });

  it('a claim question is answered at once while no agent has replied, using one of the replies', async () => {
    const claim = await addApprovedFlightClaim(medium);
    const customer = { id: claim.customer.customerId, openid: claim.customer.openid };
    const from = medium.jobs.length;

    await customerWrites(medium, support, customer, '我的延误险赔款什么时候到账');

    const [conversation] = await conversationsOf(customer.openid);
    expect(conversation.replies_remaining).toBe(4);
    expect(conversation.messages).toEqual([
      { direction: 'in', kind: 'text', text: '我的延误险赔款什么时候到账', author: 'user' },
      { direction: 'out', kind: 'text', text: expect.stringContaining(claim.claimNo), author: 'auto' },
    ]);
    expect(medium.jobs.slice(from).filter((job) => job.queue === SUPPORT_QUEUES.deliverReply)).toHaveLength(1);
  });

  it('a message after the conversation was resolved opens a new one', async () => {
    const customer = await addCustomer(medium.db);
    const first = await customerWrites(medium, support, customer, '第一次咨询');
    await new UpdateConversationUseCase(
      medium.unitOfWork,
      support.conversations,
      support.audit,
      medium.clock,
      medium.integrations,
    ).execute({
      conversationId: first.conversationId,
      staff: await addStaff(medium.db),
      update: { status: 'resolved' },
    });

    const second = await customerWrites(medium, support, customer, '又有问题');

    expect(second.conversationId).not.toBe(first.conversationId);
    expect((await conversationsOf(customer.openid)).map((row) => [row.status, row.preview])).toEqual([
      ['resolved', '第一次咨询'],
      ['open', '又有问题'],
    ]);
  });
});
