import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parsePushedMessage } from '../../src/modules/support/domain/cs-push-message.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { addCustomer, openMedium, snapshot, type Medium } from '../support/medium.js';
import { openSupport, type SupportWorld } from '../support/medium-support.js';

/**
 * ReceiveCsPushUseCase on a real PostgreSQL, behind the BFF's 消息推送 endpoint (CsPushController)
 * served over real HTTP, with the WeChat simulator pushing users' messages to it as WeChat does
 * (signed, plain or AES-encrypted): a push is stored with one ingest job and answered `success`;
 * the same push again (WeChat's retry, same MsgId) stores nothing and schedules nothing; a push
 * that is not WeChat's stores nothing.
 */
describe('ReceiveCsPushUseCase', () => {
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

  const pushesOf = async (openid: string) =>
    (
      await medium.db.query(
        `SELECT dedupe_key, mode, payload->>'Content' AS content, processed_at FROM support_inbound_pushes WHERE openid = $1 ORDER BY dedupe_key`,
        [openid],
      )
    ).rows;
  /** What the simulator saw answered to each delivery of `msgId`. */
  const answersTo = (msgId: string) =>
    medium.sim.ledger
      .of('cs_push')
      .filter((entry) => entry.msgId === msgId)
      .map((entry) => [entry.httpStatus, entry.answer]);
  const allPushes = () => snapshot(medium.db, `SELECT dedupe_key FROM support_inbound_pushes ORDER BY dedupe_key`);

  it('a pushed message is stored with one ingest job and WeChat is answered success', async () => {
    const customer = await addCustomer(medium.db);
    const jobsBefore = medium.jobs.length;

    const { msgId, delivered } = await medium.sim.sendCustomerServiceMessage({
      openid: customer.openid,
      content: '你好',
    });

    expect(delivered).toBe(true);
    expect(answersTo(msgId)).toEqual([[200, 'success']]);
    expect(await pushesOf(customer.openid)).toEqual([
      { dedupe_key: msgId, mode: 'plain', content: '你好', processed_at: null },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: SUPPORT_QUEUES.ingestPushes, data: { dedupeKeys: [msgId] } },
    ]);
  });

  it("WeChat's retry of the same push is answered success and stores and schedules nothing more", async () => {
    const customer = await addCustomer(medium.db);
    const jobsBefore = medium.jobs.length;

    const { msgId } = await medium.sim.sendCustomerServiceMessage({
      openid: customer.openid,
      content: '重复推送',
      deliveries: 3,
    });

    expect(answersTo(msgId)).toEqual([
      [200, 'success'],
      [200, 'success'],
      [200, 'success'],
    ]);
    expect(await pushesOf(customer.openid)).toHaveLength(1);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: SUPPORT_QUEUES.ingestPushes, data: { dedupeKeys: [msgId] } },
    ]);
  });

  it('the same push arriving twice at once is stored once, and the second is told it is a duplicate', async () => {
    const customer = await addCustomer(medium.db);
    const payload = {
      ToUserName: 'gh_a1b2c3d4e5f6',
      FromUserName: customer.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: '并发',
      MsgId: `${Date.now()}77`,
    };
    const message = parsePushedMessage(payload)!;
    const jobsBefore = medium.jobs.length;

    const answers = await Promise.all([
      support.receive.execute(message, payload, 'plain'),
      support.receive.execute(message, payload, 'plain'),
    ]);

    expect(answers.map((answer) => answer.duplicate).sort()).toEqual([false, true]);
    expect(await pushesOf(customer.openid)).toHaveLength(1);
    expect(medium.jobs.slice(jobsBefore)).toHaveLength(1);
  });

  it('in safe mode the encrypted push is decrypted and stored as such', async () => {
    const customer = await addCustomer(medium.db);
    medium.sim.setCustomerServicePushMode('safe');
    try {
      const { msgId } = await medium.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '加密消息' });

      expect(answersTo(msgId)).toEqual([[200, 'success']]);
      expect(await pushesOf(customer.openid)).toEqual([
        { dedupe_key: msgId, mode: 'safe', content: '加密消息', processed_at: null },
      ]);
    } finally {
      medium.sim.setCustomerServicePushMode('plain');
    }
  });

  it('a push that is not signed by WeChat is refused and nothing is stored', async () => {
    const before = await allPushes();
    const jobsBefore = medium.jobs.length;
    const query = new URLSearchParams({
      signature: 'f'.repeat(40),
      timestamp: String(Math.floor(Date.now() / 1000)),
      nonce: '1',
    });

    const response = await fetch(`${support.pushUrl}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ToUserName: 'gh_a1b2c3d4e5f6',
        FromUserName: 'oforged',
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: '伪造',
        MsgId: '123456789',
      }),
    });

    expect(await response.text()).toBe('CS_PUSH_SIGNATURE_INVALID');
    expect(await allPushes()).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });
});
