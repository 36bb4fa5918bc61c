import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { verifyCustomerServicePush } from '../../src/integrations/wechat/customer-service-push.verifier.js';
import { createWechatAdapters, type WechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import type { WechatConfig } from '../../src/integrations/wechat/wechat.config.js';
import { WechatApiError } from '../../src/integrations/wechat/wechat-api.error.js';
import { poolWithAccessTokenTable } from './support/fresh-schema.js';
import { NotificationReceiver } from './support/notification-receiver.js';

describe('mini-program platform adapters against the simulator', () => {
  let sim: RunningSimulator;
  let db: { pool: pg.Pool; drop(): Promise<void> };
  let config: WechatConfig;
  let wx: WechatAdapters;
  const receiver = new NotificationReceiver();

  beforeAll(async () => {
    await receiver.start();
    sim = await startSimulator({
      timeScale: 1000,
      customerServicePushUrl: `${receiver.origin}/api/v1/support/wechat-push`,
    });
    db = await poolWithAccessTokenTable();
    const dev = sim.merchantConfig();
    config = {
      apiOrigin: dev.WECHAT_API_ORIGIN,
      appid: dev.WECHAT_APPID,
      secret: dev.WECHAT_SECRET,
      pushToken: dev.WECHAT_PUSH_TOKEN,
      timeoutMs: 2000,
    };
    wx = createWechatAdapters(config, db.pool);
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
    await db.drop();
  });

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WechatApiError);
    return error as WechatApiError;
  };

  describe('login', () => {
    it('exchanges a one-time code for the openid, once', async () => {
      const { code, openid } = sim.mintLoginCode({ unionid: 'uUnion1' });
      const session = await wx.login.code2Session(code);
      expect(session).toMatchObject({ openid, unionid: 'uUnion1' });
      expect(session.sessionKey).toBeTruthy();
      expect(await failure(wx.login.code2Session(code))).toMatchObject({ code: '40029', retryClass: 'final' });
    });

    it('refuses high-risk users with 40226 and rate-limits with 45011', async () => {
      const risky = sim.upsertUser({ highRisk: true });
      expect(await failure(wx.login.code2Session(sim.mintLoginCode({ openid: risky.openid }).code))).toMatchObject({
        code: '40226',
        retryClass: 'final',
      });
      const { openid } = sim.mintLoginCode();
      const codes = Array.from({ length: 101 }, () => sim.mintLoginCode({ openid }).code);
      const results = await Promise.allSettled(codes.map((c) => wx.login.code2Session(c)));
      const limited = results.filter((r) => r.status === 'rejected');
      expect(limited).toHaveLength(1);
      expect((limited[0] as PromiseRejectedResult).reason).toMatchObject({ code: '45011', retryClass: 'retry_same' });
    });

    it('rejects a wrong app secret as a configuration error', async () => {
      const wrong = createWechatAdapters({ ...config, secret: 'nope' }, db.pool);
      expect(await failure(wrong.login.code2Session(sim.mintLoginCode().code))).toMatchObject({
        code: '40125',
        retryClass: 'fix_request',
      });
    });
  });

  describe('access token shared through PostgreSQL', () => {
    it('is fetched by exactly one of many instances asking at once', async () => {
      const issuedBefore = sim.ledger.of('access_token').length;
      sim.faults.set('wx.token', { kind: 'slow', delayMs: 150 }, { times: 1 });
      // Eight "instances": separate providers, one shared table.
      const instances = Array.from({ length: 8 }, () => createWechatAdapters(config, db.pool, { pollMs: 10 }));
      const tokens = await Promise.all(instances.map((i) => i.accessTokens.get()));
      expect(new Set(tokens).size).toBe(1);
      expect(sim.ledger.of('access_token').length - issuedBefore).toBe(1);
      const { rows } = await db.pool.query(
        "SELECT lease_owner, expires_at > now() + interval '7000 seconds' AS fresh FROM wechat_access_token",
      );
      expect(rows).toEqual([{ lease_owner: null, fresh: true }]);
    });

    it('refreshes once when WeChat rejects the cached token (40001), then retries the call', async () => {
      const stale = await wx.accessTokens.get();
      await db.pool.query(`UPDATE wechat_access_token SET access_token = 'revoked-token'`);
      const other = createWechatAdapters(config, db.pool);
      const issuedBefore = sim.ledger.of('access_token').length;
      const { openid } = sim.mintLoginCode();
      expect(await other.riskRank.rank({ openid, scene: 1, clientIp: '203.0.113.9' })).toBe(0);
      expect(sim.ledger.of('access_token').length - issuedBefore).toBe(1);
      expect(await other.accessTokens.get()).not.toBe(stale);
    });

    it('is refreshed ahead of expiry, inside the last 5 minutes', async () => {
      const before = await wx.accessTokens.get();
      await db.pool.query(`UPDATE wechat_access_token SET expires_at = now() + interval '200 seconds'`);
      const fresh = createWechatAdapters(config, db.pool);
      const after = await fresh.accessTokens.get();
      expect(after).not.toBe(before);
    });
  });

  describe('messages', () => {
    it('sends a subscribe message once per accepted subscription, then 43101', async () => {
      const { openid } = sim.mintLoginCode();
      const message = {
        openid,
        templateId: 'TPL_CLAIM_PAID',
        page: 'packages/claims/detail?id=1',
        data: { thing1: { value: '航班延误理赔已到账' } },
      };
      expect(await failure(wx.subscribeMessages.send(message))).toMatchObject({ code: '43101', retryClass: 'final' });
      sim.acceptSubscription(openid, ['TPL_CLAIM_PAID']);
      await wx.subscribeMessages.send(message);
      expect(sim.ledger.of('subscribe_message').filter((m) => m.openid === openid)).toHaveLength(1);
      expect(await failure(wx.subscribeMessages.send(message))).toMatchObject({ code: '43101' });
    });

    it('pushes a signed customer-service message, and allows 5 replies inside the 48 h window', async () => {
      const { openid } = sim.mintLoginCode();
      expect(
        await failure(wx.customerService.reply(openid, { msgtype: 'text', text: { content: '您好' } })),
      ).toMatchObject({ code: '45015', retryClass: 'final' });

      const pushed = await sim.sendCustomerServiceMessage({ openid, content: '我的理赔什么时候到账？' });
      expect(pushed.delivered).toBe(true);
      const push = receiver.received.at(-1)!;
      const query = Object.fromEntries(push.url.searchParams) as {
        signature: string;
        timestamp: string;
        nonce: string;
      };
      expect(verifyCustomerServicePush(query, config.pushToken!)).toBe(true);
      expect(verifyCustomerServicePush({ ...query, nonce: `${query.nonce}1` }, config.pushToken!)).toBe(false);
      expect(query.signature).toBe(
        createHash('sha1').update([config.pushToken!, query.timestamp, query.nonce].sort().join('')).digest('hex'),
      );
      expect(JSON.parse(push.rawBody)).toMatchObject({
        FromUserName: openid,
        MsgType: 'text',
        Content: '我的理赔什么时候到账？',
      });

      for (let i = 0; i < 5; i++)
        await wx.customerService.reply(openid, { msgtype: 'text', text: { content: `回复${i}` } });
      expect(
        await failure(wx.customerService.reply(openid, { msgtype: 'text', text: { content: '第六条' } })),
      ).toMatchObject({ code: '45047', retryClass: 'final' });

      await sim.sendCustomerServiceMessage({ openid, content: '还在吗' });
      await wx.customerService.reply(openid, { msgtype: 'text', text: { content: '在的' } });
      sim.advanceTime(48 * 3600 + 1);
      expect(
        await failure(wx.customerService.reply(openid, { msgtype: 'text', text: { content: '迟到的回复' } })),
      ).toMatchObject({ code: '45015' });
    });

    it('retries a push that is not answered "success" 3 times', async () => {
      receiver.respondWith(() => ({ status: 500 }));
      const { openid } = sim.mintLoginCode();
      const pushed = await sim.sendCustomerServiceMessage({ openid, content: '有人吗' });
      receiver.respondWith(() => ({ status: 204 }));
      expect(pushed.delivered).toBe(false);
      expect(sim.ledger.of('cs_push').filter((p) => p.msgId === pushed.msgId)).toHaveLength(4);
    });
  });

  describe('risk rank and phone number', () => {
    it('reports the risk rank WeChat holds for the user', async () => {
      const user = sim.upsertUser({ riskRank: 4 });
      expect(await wx.riskRank.rank({ openid: user.openid, scene: 1, clientIp: '203.0.113.9' })).toBe(4);
    });

    it('resolves a one-time phone code', async () => {
      const { code } = sim.mintPhoneCode('13800138000');
      expect(await wx.phoneNumbers.resolve(code)).toEqual({
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
      });
      expect(await failure(wx.phoneNumbers.resolve(code))).toMatchObject({ code: '40029' });
    });
  });

  describe('fault switches', () => {
    it.each([
      ['wx.risk_rank', { kind: 'system_error' }, '-1'],
      ['wx.risk_rank', { kind: 'rate_limited' }, '45009'],
      ['wx.jscode2session', { kind: 'rate_limited' }, '45011'],
      ['wx.subscribe_send', { kind: 'system_error' }, '-1'],
    ] as const)('%s with %j answers errcode %s, retry_same', async (endpoint, fault, code) => {
      const user = sim.upsertUser({});
      sim.acceptSubscription(user.openid, ['TPL']);
      sim.faults.set(endpoint, fault, { times: 1 });
      const call =
        endpoint === 'wx.jscode2session'
          ? () => wx.login.code2Session(sim.mintLoginCode({ openid: user.openid }).code)
          : endpoint === 'wx.subscribe_send'
            ? () => wx.subscribeMessages.send({ openid: user.openid, templateId: 'TPL', data: { a: { value: 'b' } } })
            : () => wx.riskRank.rank({ openid: user.openid, scene: 0, clientIp: '203.0.113.9' });
      expect(await failure(call())).toMatchObject({ code, retryClass: 'retry_same' });
      await call();
    });

    it('times out a slow answer as TIMEOUT, retry_same', async () => {
      const user = sim.upsertUser({});
      sim.faults.set('wx.risk_rank', { kind: 'slow', delayMs: 2500 }, { times: 1 });
      expect(await failure(wx.riskRank.rank({ openid: user.openid, scene: 0, clientIp: '203.0.113.9' }))).toMatchObject(
        { code: 'TIMEOUT', httpStatus: 0, retryClass: 'retry_same' },
      );
    });
  });
});
