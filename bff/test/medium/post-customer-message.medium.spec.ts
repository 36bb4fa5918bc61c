import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostCustomerMessageUseCase } from '../../src/modules/support/post-customer-message.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { addCustomer, openMedium, type Medium } from '../support/medium.js';
import { customerWrites, openSupport, runIngestJobs, type SupportWorld } from '../support/medium-support.js';

/**
 * PostCustomerMessageUseCase on a real PostgreSQL: a message written on the H5 chat page enters the
 * inbox exactly as a WeChat push would (stored as an `h5` push, one ingest job) and, once ingested,
 * makes the conversation's channel `h5` — replies are then read by the page, and WeChat's allowance
 * is not widened by it. Each message is its own push: the same words twice are two messages.
 */
describe('PostCustomerMessageUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let post: PostCustomerMessageUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    post = new PostCustomerMessageUseCase(support.receive, medium.clock);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const conversationOf = async (openid: string) =>
    (
      await medium.db.query(
        `SELECT c.customer_id, c.channel, c.status, c.session_from, c.replies_remaining, c.reply_deadline,
                (SELECT json_agg(json_build_object('direction', m.direction, 'text', m.text) ORDER BY m.seq)
                   FROM support_messages m WHERE m.conversation_id = c.id) AS messages
           FROM support_conversations c WHERE c.openid = $1 AND c.status <> 'resolved'`,
        [openid],
      )
    ).rows;

  it('a message from the chat page is stored as an h5 push with one ingest job, then joins an h5 conversation', async () => {
    const customer = await addCustomer(medium.db);
    const from = medium.jobs.length;

    const { messageKey } = await post.execute({
      openid: customer.openid,
      text: '网页上问一下',
      sessionFrom: 'policy:P1',
    });

    expect(messageKey).toMatch(/^h5:/);
    const { rows } = await medium.db.query(
      `SELECT mode, payload->>'Content' AS content, payload->>'SessionFrom' AS session_from FROM support_inbound_pushes WHERE dedupe_key = $1`,
      [messageKey],
    );
    expect(rows).toEqual([{ mode: 'h5', content: '网页上问一下', session_from: 'policy:P1' }]);
    expect(medium.jobs.slice(from)).toEqual([
      { queue: SUPPORT_QUEUES.ingestPushes, data: { dedupeKeys: [messageKey] } },
    ]);

    await runIngestJobs(medium, support, from);

    expect(await conversationOf(customer.openid)).toEqual([
      {
        customer_id: customer.id,
        channel: 'h5',
        status: 'open',
        session_from: 'policy:P1',
        // The chat page does not open WeChat's reply window.
        replies_remaining: 0,
        reply_deadline: null,
        messages: [{ direction: 'in', text: '网页上问一下' }],
      },
    ]);
  });

  it('the same words sent twice are two messages', async () => {
    const customer = await addCustomer(medium.db);
    const from = medium.jobs.length;

    await post.execute({ openid: customer.openid, text: '在吗' });
    await post.execute({ openid: customer.openid, text: '在吗' });
    await runIngestJobs(medium, support, from);

    expect((await conversationOf(customer.openid))[0].messages).toEqual([
      { direction: 'in', text: '在吗' },
      { direction: 'in', text: '在吗' },
    ]);
  });

  it('a customer who wrote in WeChat and then on the chat page is answered on the chat page', async () => {
    const customer = await addCustomer(medium.db);
    await customerWrites(medium, support, customer, '微信里问');
    const from = medium.jobs.length;

    await post.execute({ openid: customer.openid, text: '网页里接着问' });
    await runIngestJobs(medium, support, from);

    const [conversation] = await conversationOf(customer.openid);
    expect(conversation.channel).toBe('h5');
    // WeChat's allowance from the WeChat message is kept: the user may write from WeChat next.
    expect(conversation.replies_remaining).toBe(5);
    expect(conversation.messages.map((message: { text: string }) => message.text)).toEqual([
      '微信里问',
      '网页里接着问',
    ]);
  });
});
