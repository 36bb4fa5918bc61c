import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliverReplyUseCase } from '../../src/modules/support/deliver-reply.use-case.js';
import { PostCustomerMessageUseCase } from '../../src/modules/support/post-customer-message.use-case.js';
import { SendFallbackUseCase } from '../../src/modules/support/send-fallback.use-case.js';
import { SendReplyUseCase } from '../../src/modules/support/send-reply.use-case.js';
import { addCustomer, openMedium, type Customer, type Medium } from '../support/medium.js';
import {
  acceptSubscription,
  addConversation,
  addStaff,
  clockAhead,
  openSupport,
  runIngestJobs,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * DeliverReplyUseCase on a real PostgreSQL and the WeChat simulator over real HTTP (access token,
 * custom/send, subscribe/send), on replies agents queued through SendReplyUseCase and
 * SendFallbackUseCase in conversations pushed from WeChat: each reply reaches the customer once,
 * in the order written; a temporary failure puts it back for the queue's retry; WeChat's final
 * 45015 (window passed) marks it failed and closes the conversation's allowance; on the H5 chat
 * page, marked sent is delivered and WeChat is not called.
 */
describe('DeliverReplyUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let deliver: DeliverReplyUseCase;
  let reply: SendReplyUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    deliver = new DeliverReplyUseCase(
      medium.dataSource,
      support.wechat.customerService,
      support.wechat.subscribeMessages,
      medium.integrations,
    );
    reply = new SendReplyUseCase(
      medium.unitOfWork,
      support.conversations,
      support.audit,
      medium.clock,
      medium.integrations,
    );
  });
  afterAll(async () => {
    medium?.sim.faults.clear();
    await support?.close();
    await medium?.close();
  });

  /** What WeChat delivered to the customer through custom/send (the simulator's ledger). */
  const receivedBy = (customer: Customer) =>
    medium.sim.ledger
      .of('custom_message')
      .filter((entry) => entry.openid === customer.openid)
      .map((entry) => (entry.body as { text?: { content: string } }).text?.content);
  const messageOf = async (messageId: string) =>
    (
      await medium.db.query(
        `SELECT send_state, error_code, sent_at IS NOT NULL AS stamped FROM support_messages WHERE id = $1`,
        [messageId],
      )
    ).rows[0];

  it('a queued reply reaches the customer through WeChat once, and is marked sent', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const { messageId } = await reply.execute({
      conversationId,
      staff: await addStaff(medium.db),
      text: '您好，已查到',
    });

    await deliver.execute(messageId);

    expect(receivedBy(customer)).toEqual(['您好，已查到']);
    expect(await messageOf(messageId)).toEqual({ send_state: 'sent', error_code: null, stamped: true });
  });

  it('a retried job sends nothing twice', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const { messageId } = await reply.execute({ conversationId, staff: await addStaff(medium.db), text: '只发一次' });
    await deliver.execute(messageId);
    const once = await messageOf(messageId);

    await deliver.execute(messageId);

    expect(receivedBy(customer)).toEqual(['只发一次']);
    expect(await messageOf(messageId)).toEqual(once);
  });

  it('replies reach the customer in the order the agents wrote them', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const staff = await addStaff(medium.db);
    const ids: string[] = [];
    for (const text of ['第一条', '第二条', '第三条'])
      ids.push((await reply.execute({ conversationId, staff, text })).messageId);

    // The last one's job runs first: it delivers the older ones before it.
    await deliver.execute(ids[2]!);
    await deliver.execute(ids[0]!);
    await deliver.execute(ids[1]!);

    expect(receivedBy(customer)).toEqual(['第一条', '第二条', '第三条']);
  });

  it('when WeChat fails for a moment, the reply is put back for the retry and then sent once', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const { messageId } = await reply.execute({ conversationId, staff: await addStaff(medium.db), text: '稍后送达' });
    medium.sim.faults.set('wx.custom_send', { kind: 'system_error' }, { times: 1 });

    await expect(deliver.execute(messageId)).rejects.toThrow();

    expect(await messageOf(messageId)).toEqual({ send_state: 'queued', error_code: null, stamped: false });
    expect(receivedBy(customer)).toEqual([]);

    await deliver.execute(messageId);

    expect(receivedBy(customer)).toEqual(['稍后送达']);
    expect(await messageOf(messageId)).toMatchObject({ send_state: 'sent' });
  });

  it('a reply on the H5 chat page is marked sent and WeChat is not called', async () => {
    const customer = await addCustomer(medium.db);
    const from = medium.jobs.length;
    await new PostCustomerMessageUseCase(support.receive, medium.clock).execute({
      openid: customer.openid,
      text: '网页咨询',
    });
    await runIngestJobs(medium, support, from);
    const {
      rows: [conversation],
    } = await medium.db.query<{ id: string }>(`SELECT id FROM support_conversations WHERE openid = $1`, [
      customer.openid,
    ]);
    const { messageId } = await reply.execute({
      conversationId: conversation!.id,
      staff: await addStaff(medium.db),
      text: '网页回复',
    });

    await deliver.execute(messageId);

    expect(await messageOf(messageId)).toMatchObject({ send_state: 'sent' });
    expect(receivedBy(customer)).toEqual([]);
  });

  it('a subscribe-message fallback goes out through subscribe/send with the support template', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    await acceptSubscription(medium, customer, medium.integrations.supportReplyTemplateId);
    const { messageId } = await new SendFallbackUseCase(
      medium.unitOfWork,
      support.conversations,
      support.audit,
      clockAhead(medium, 49),
      medium.integrations,
    ).execute({ conversationId, staff: await addStaff(medium.db), text: '您的理赔已到账，请查收' });

    await deliver.execute(messageId);

    expect(
      medium.sim.ledger
        .of('subscribe_message')
        .filter((entry) => entry.openid === customer.openid)
        .map((entry) => [entry.templateId, (entry.data as { thing1: { value: string } }).thing1.value]),
    ).toEqual([[medium.integrations.supportReplyTemplateId, '您的理赔已到账，请查收']]);
    expect(await messageOf(messageId)).toMatchObject({ send_state: 'sent' });
  });

  // Last: moving WeChat's clock 49 h on closes every reply window in this simulator.
  it("when WeChat says the window has passed (45015), the reply is failed and the conversation's allowance closed", async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const { messageId } = await reply.execute({ conversationId, staff: await addStaff(medium.db), text: '迟到的回复' });
    medium.sim.advanceTime(49 * 3600);

    await deliver.execute(messageId);

    expect(await messageOf(messageId)).toMatchObject({ send_state: 'failed', error_code: '45015' });
    expect(receivedBy(customer)).toEqual([]);
    const { rows } = await medium.db.query(
      `SELECT c.replies_remaining, c.reply_deadline <= m.created_at AS closed
         FROM support_conversations c JOIN support_messages m ON m.conversation_id = c.id WHERE m.id = $1`,
      [messageId],
    );
    expect(rows).toEqual([{ replies_remaining: 0, closed: true }]);
  });
});
