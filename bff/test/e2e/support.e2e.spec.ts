import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Complaint, CustomerConversation, InboxResponse, SupportContext } from '@xiaoan/shared';
import { wxEncrypt } from '../../sim/crypto/wx-message-crypt.js';
import { SweepComplaintDeadlinesUseCase } from '../../src/modules/support/sweep-complaint-deadlines.use-case.js';
import { beijingDateIn, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival, waitFor } from './claims.fixtures.js';
import {
  conversationOf,
  customMessagesTo,
  detailOf,
  staffSignIn,
  timeTravel,
  type StaffClient,
} from './support.fixtures.js';

describe('customer service: WeChat 消息推送 → inbox → replies within WeChat’s window (HTTP, simulator, PostgreSQL)', () => {
  let testApp: TestApp;
  let support: StaffClient;
  let admin: StaffClient;
  let travel: (seconds: number) => void;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 1000 } });
    support = await staffSignIn(testApp, 'dev-support');
    admin = await staffSignIn(testApp, 'dev-admin');
    travel = timeTravel(testApp);
  });
  afterAll(async () => {
    await testApp.close();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await testApp.db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const pushUrl = () => testApp.sim.customerServicePushUrl!;
  const signed = (token: string, extra: Record<string, string> = {}) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '20261204';
    const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
    return { timestamp, nonce, signature, ...extra };
  };
  const post = (query: Record<string, string>, body: string) =>
    fetch(`${pushUrl()}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  /** A user who writes to customer service and whose message the inbox has. */
  const customerWhoWrote = async (text: string): Promise<{ customer: TestCustomer; conversationId: string }> => {
    const customer = await newCustomer(testApp);
    const pushed = await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: text });
    expect(pushed.delivered).toBe(true);
    return { customer, conversationId: await conversationOf(testApp, customer.openid) };
  };

  it('stores a message WeChat pushes three times (plain mode) once, with the raw push as evidence', async () => {
    const customer = await newCustomer(testApp);
    const pushed = await testApp.sim.sendCustomerServiceMessage({
      openid: customer.openid,
      content: '你好，我想问下延误险',
      deliveries: 3,
    });
    expect(pushed.delivered).toBe(true);
    const deliveries = testApp.sim.ledger.of('cs_push').filter((entry) => entry.msgId === pushed.msgId);
    expect(deliveries.map((entry) => [entry.mode, entry.httpStatus, entry.answer])).toEqual([
      ['plain', 200, 'success'],
      ['plain', 200, 'success'],
      ['plain', 200, 'success'],
    ]);
    const conversationId = await conversationOf(testApp, customer.openid);
    await waitFor(
      'the message',
      async () =>
        (await count(`SELECT count(*) AS n FROM support_messages WHERE wx_msg_id = $1`, [pushed.msgId])) === 1,
    );
    await sleep(600);
    const { rows } = await testApp.db.query(
      `SELECT direction, kind, text, raw FROM support_messages WHERE conversation_id = $1`,
      [conversationId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      direction: 'in',
      kind: 'text',
      text: '你好，我想问下延误险',
      raw: { FromUserName: customer.openid, MsgId: pushed.msgId, MsgType: 'text' },
    });
    expect(await count(`SELECT count(*) AS n FROM support_inbound_pushes WHERE dedupe_key = $1`, [pushed.msgId])).toBe(
      1,
    );

    const detail = await detailOf(support, conversationId);
    expect(detail).toMatchObject({
      status: 'open',
      replyWindow: { open: true, remaining: 5 },
      messages: [{ direction: 'in', text: '你好，我想问下延误险' }],
    });
    expect(detail.replyWindow.secondsLeft).toBeGreaterThan(47 * 3600);
  });

  it('decrypts safe-mode pushes (AES, msg_signature) and stores a thrice-delivered one once; images and mini-program cards too', async () => {
    testApp.sim.setCustomerServicePushMode('safe');
    try {
      const customer = await newCustomer(testApp);
      const pushed = await testApp.sim.sendCustomerServiceMessage({
        openid: customer.openid,
        content: '安全模式：我的红包呢',
        deliveries: 3,
      });
      const deliveries = testApp.sim.ledger.of('cs_push').filter((entry) => entry.msgId === pushed.msgId);
      expect(deliveries.map((entry) => [entry.mode, entry.httpStatus, entry.answer])).toEqual([
        ['safe', 200, 'success'],
        ['safe', 200, 'success'],
        ['safe', 200, 'success'],
      ]);
      await testApp.sim.sendCustomerServiceMessage({
        openid: customer.openid,
        msgType: 'image',
        mediaId: 'MEDIA_ID_OF_A_BOARDING_PASS',
      });
      await testApp.sim.sendCustomerServiceMessage({
        openid: customer.openid,
        msgType: 'miniprogrampage',
        card: { title: '我的理赔', pagePath: 'packages/claims/list/index' },
      });
      const conversationId = await conversationOf(testApp, customer.openid);
      const rows = await waitFor('three messages', async () => {
        const { rows } = await testApp.db.query(
          `SELECT kind, text, media_id, card FROM support_messages WHERE conversation_id = $1 ORDER BY created_at, kind`,
          [conversationId],
        );
        return rows.length >= 3 && rows;
      });
      await sleep(600);
      expect(
        await count(`SELECT count(*) AS n FROM support_messages WHERE conversation_id = $1`, [conversationId]),
      ).toBe(3);
      expect(rows.map((row) => row.kind).sort()).toEqual(['image', 'miniprogrampage', 'text']);
      expect(rows.find((row) => row.kind === 'text')!.text).toBe('安全模式：我的红包呢');
      expect(rows.find((row) => row.kind === 'image')!.media_id).toBe('MEDIA_ID_OF_A_BOARDING_PASS');
      expect(rows.find((row) => row.kind === 'miniprogrampage')!.card).toEqual({
        title: '我的理赔',
        pagePath: 'packages/claims/list/index',
      });
    } finally {
      testApp.sim.setCustomerServicePushMode('plain');
    }
  });

  it('passes WeChat’s URL check by echoing echostr, and refuses a check with a wrong signature', async () => {
    expect(await testApp.sim.verifyCustomerServicePushUrl()).toEqual({ passed: true, httpStatus: 200 });
    const forged = await fetch(`${pushUrl()}?${new URLSearchParams({ ...signed('not-our-token'), echostr: '123' })}`);
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toBe('123');
  });

  it('rejects forged pushes and stores nothing: wrong token, tampered ciphertext signature, another appid', async () => {
    const token = testApp.sim.keys.pushToken;
    const key = testApp.sim.keys.pushEncodingAesKey;
    const before = await count(`SELECT count(*) AS n FROM support_inbound_pushes`);
    const message = JSON.stringify({
      ToUserName: 'gh_x',
      FromUserName: 'oForgedUser000000000000000',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: '伪造',
      MsgId: '999',
    });

    const wrongToken = await post(signed('guessed-token'), message);
    expect(wrongToken.status).toBe(401);
    expect(((await wrongToken.json()) as { code: string }).code).toBe('CS_PUSH_SIGNATURE_INVALID');

    const encrypt = wxEncrypt(message, key, testApp.sim.keys.appid);
    const badMsgSignature = await post(
      signed(token, { encrypt_type: 'aes', msg_signature: 'a'.repeat(40) }),
      JSON.stringify({ ToUserName: 'gh_x', Encrypt: encrypt }),
    );
    expect(badMsgSignature.status).toBe(401);

    const otherApp = wxEncrypt(message, key, 'wx0000000000000000');
    const query = signed(token, { encrypt_type: 'aes' });
    const msgSignature = createHash('sha1')
      .update([token, query.timestamp, query.nonce, otherApp].sort().join(''))
      .digest('hex');
    const otherAppid = await post(
      { ...query, msg_signature: msgSignature },
      JSON.stringify({ ToUserName: 'gh_x', Encrypt: otherApp }),
    );
    expect(otherAppid.status).toBe(400);
    expect(((await otherAppid.json()) as { code: string }).code).toBe('CS_PUSH_DECRYPT_FAILED');

    const stale = signed(token);
    const replayed = await post({ ...stale, timestamp: String(Number(stale.timestamp) - 3600) }, message);
    expect(replayed.status).toBe(401);

    await sleep(600);
    expect(await count(`SELECT count(*) AS n FROM support_inbound_pushes`)).toBe(before);
    expect(
      await count(`SELECT count(*) AS n FROM support_conversations WHERE openid = 'oForgedUser000000000000000'`),
    ).toBe(0);
  });

  it('sends an agent’s replies through custom/send and refuses the sixth within 48 h before WeChat is called', async () => {
    const { customer, conversationId } = await customerWhoWrote('请问可以退保吗');
    for (let i = 1; i <= 5; i += 1) {
      const answer = await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
        text: `第 ${i} 条回复`,
      });
      expect(answer.status).toBe(202);
    }
    await waitFor('five replies in WeChat', async () => customMessagesTo(testApp, customer.openid).length === 5);
    const sixth = await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
      text: '第 6 条回复',
    });
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('SUPPORT_REPLY_QUOTA_USED');
    await sleep(800);
    expect(customMessagesTo(testApp, customer.openid).map((entry) => entry.body.text?.content)).toEqual([
      '第 1 条回复',
      '第 2 条回复',
      '第 3 条回复',
      '第 4 条回复',
      '第 5 条回复',
    ]);
    const detail = await detailOf(support, conversationId);
    expect(detail.replyWindow).toMatchObject({ open: true, remaining: 0 });
    expect(detail.messages.filter((m) => m.direction === 'out').every((m) => m.sendState === 'sent')).toBe(true);
    expect(detail).toMatchObject({ status: 'pending', waitingSince: null, assignee: { displayName: '开发客服' } });

    // A new message from the user gives five replies again.
    await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '还有一个问题' });
    await waitFor('the quota reset', async () => (await detailOf(support, conversationId)).replyWindow.remaining === 5);
    expect(
      (await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, { text: '请讲' }))
        .status,
    ).toBe(202);
    await waitFor('the reply in WeChat', async () => customMessagesTo(testApp, customer.openid).length === 6);
  });

  it('handles WeChat’s 45047 when the replies were used up elsewhere: the reply is marked failed and the inbox stops offering to send', async () => {
    const { customer, conversationId } = await customerWhoWrote('在吗');
    // Another tool of ours replied five times straight through WeChat's API.
    const devConfig = testApp.sim.merchantConfig();
    const tokenAnswer = (await (
      await fetch(
        `${testApp.sim.origin}/cgi-bin/token?grant_type=client_credential&appid=${devConfig.WECHAT_APPID}&secret=${devConfig.WECHAT_SECRET}`,
      )
    ).json()) as { access_token: string };
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${testApp.sim.origin}/cgi-bin/message/custom/send?access_token=${tokenAnswer.access_token}`, {
        method: 'POST',
        body: JSON.stringify({ touser: customer.openid, msgtype: 'text', text: { content: `旧系统回复 ${i}` } }),
      });
    }
    const answer = await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
      text: '您好，我在',
    });
    expect(answer.status).toBe(202);
    const failed = await waitFor('WeChat’s refusal recorded', async () => {
      const { rows } = await testApp.db.query<{ send_state: string; error_code: string }>(
        `SELECT send_state, error_code FROM support_messages WHERE id = $1`,
        [answer.body.messageId],
      );
      return rows[0]?.send_state === 'failed' && rows[0];
    });
    expect(failed.error_code).toBe('45047');
    expect((await detailOf(support, conversationId)).replyWindow.remaining).toBe(0);
    expect(
      (await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, { text: '再试一次' }))
        .body.code,
    ).toBe('SUPPORT_REPLY_QUOTA_USED');
  });

  it('answers a claim question at once with the claim’s status and evidence, fills canned replies from the claim, and shows it in the context panel', async () => {
    const customer = await newCustomer(testApp);
    // Tomorrow's flight: landing it moves the business clock past its arrival, still inside the user's 48 h window.
    const flightDate = beijingDateIn(1);
    const quote = await customer.quote({ productCode: 'FD120', flightNo: 'MU5101', flightDate });
    const { body: order } = await customer.order(quote);
    customer.pay(order);
    const policyNo = (await customer.waitForOrder(order.id, ['issued'])).policyNo!;
    const { rows: flights } = await testApp.db.query(
      `SELECT id, scheduled_departure, scheduled_arrival FROM flights WHERE flight_no = 'MU5101' AND flight_date = $1`,
      [flightDate],
    );
    const flight = {
      id: flights[0].id,
      flightNo: 'MU5101',
      flightDate,
      scheduledDeparture: flights[0].scheduled_departure,
      scheduledArrival: flights[0].scheduled_arrival,
    };
    expect((await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 5, 146))).status).toBe(200);
    const { rows: claims } = await testApp.db.query<{ id: string; claim_no: string }>(
      `SELECT id, claim_no FROM claims WHERE customer_id = (SELECT id FROM customers WHERE openid = $1)`,
      [customer.openid],
    );
    const claim = claims[0]!;

    await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '为什么没赔？' });
    const conversationId = await conversationOf(testApp, customer.openid);
    const [auto] = await waitFor(
      'the automatic answer in WeChat',
      async () => customMessagesTo(testApp, customer.openid).length === 1 && customMessagesTo(testApp, customer.openid),
    );
    const autoText = auto!.body.text!.content;
    expect(autoText).toContain(claim.claim_no);
    expect(autoText).toContain(policyNo);
    expect(autoText).toContain('¥200.00');
    expect(autoText).toMatch(/实际 \S+ · 晚 146 分钟 ≥ 120/);
    const afterAuto = await detailOf(support, conversationId);
    expect(afterAuto.replyWindow.remaining).toBe(4);
    expect(afterAuto.messages.map((m) => [m.direction, m.author])).toEqual([
      ['in', null],
      ['out', '自动回复'],
    ]);

    const context = await support.api<SupportContext>(
      'GET',
      `/api/v1/staff/support/conversations/${conversationId}/context`,
    );
    expect(context.status).toBe(200);
    expect(context.body.policies.map((p) => p.policyNo)).toEqual([policyNo]);
    expect(context.body.claims[0]!.timeline.some((entry) => /晚 146 分钟/.test(entry.detail ?? ''))).toBe(true);
    expect(context.body.orders).toHaveLength(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM staff_audit_log WHERE action = 'support_context_read' AND detail ->> 'conversationId' = $1`,
        [conversationId],
      ),
    ).toBe(1);

    const { body: canned } = await support.api<{ items: { id: string; title: string; variables: string[] }[] }>(
      'GET',
      '/api/v1/staff/support/canned-replies',
    );
    const paid = canned.items.find((item) => item.title === '理赔已到账')!;
    expect(paid.variables).toEqual(['claimNo', 'delayMinutes', 'payoutAmount']);
    expect(
      (
        await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
          cannedReplyId: paid.id,
        })
      ).body.code,
    ).toBe('CANNED_REPLY_NEEDS_CLAIM');
    const sent = await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
      cannedReplyId: paid.id,
      claimId: claim.id,
    });
    expect(sent.status).toBe(202);
    expect(sent.body.text).toBe(
      `您好，您的理赔 ${claim.claim_no} 已处理：航班晚到 146 分钟，赔付 ¥200.00，已转入微信零钱，请在微信支付账单中查看。`,
    );
    await waitFor('the canned reply in WeChat', async () => customMessagesTo(testApp, customer.openid).length === 2);

    // Once an agent has replied, claim questions wait for the agent.
    await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '红包在哪里领' });
    await waitFor(
      'the second question',
      async () => (await detailOf(support, conversationId)).messages.filter((m) => m.direction === 'in').length === 2,
    );
    await sleep(800);
    expect(customMessagesTo(testApp, customer.openid)).toHaveLength(2);
    expect((await detailOf(support, conversationId)).autoReplyEnabled).toBe(false);

    // The H5 chat page shows the user their conversation, without internal notes.
    await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/notes`, {
      text: '内部：用户可能没看到红包入口',
    });
    const mine = await customer.api<CustomerConversation>('GET', '/api/v1/support/conversation');
    expect(mine.body.messages.map((m) => m.text)).toEqual(['为什么没赔？', autoText, sent.body.text, '红包在哪里领']);
  });

  it('lists unassigned / mine / all, lets an agent take a conversation and only a lead give it to someone else', async () => {
    const { conversationId } = await customerWhoWrote('想投诉一下理赔太慢');
    const ids = async (client: StaffClient, view: string) =>
      (
        await client.api<InboxResponse>('GET', `/api/v1/staff/support/conversations?view=${view}&limit=200`)
      ).body.items.map((c) => c.id);
    expect(await ids(support, 'unassigned')).toContain(conversationId);
    expect(await ids(support, 'mine')).not.toContain(conversationId);
    expect((await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/assign`, {})).status).toBe(
      204,
    );
    expect(await ids(support, 'mine')).toContain(conversationId);
    expect(await ids(support, 'unassigned')).not.toContain(conversationId);
    const adminId = (await testApp.db.query<{ id: string }>(`SELECT id FROM staff_users WHERE username = 'dev-admin'`))
      .rows[0]!.id;
    const supportId = (
      await testApp.db.query<{ id: string }>(`SELECT id FROM staff_users WHERE username = 'dev-support'`)
    ).rows[0]!.id;
    const handOver = await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/assign`, {
      staffUserId: adminId,
    });
    expect([handOver.status, handOver.body.code]).toEqual([403, 'SUPPORT_ASSIGN_FORBIDDEN']);
    expect(
      (
        await admin.api('POST', `/api/v1/staff/support/conversations/${conversationId}/assign`, {
          staffUserId: supportId,
        })
      ).status,
    ).toBe(204);
    expect(await ids(admin, 'all')).toContain(conversationId);
    expect((await fetch(`${testApp.baseUrl}/api/v1/staff/support/conversations`)).status).toBe(401);
    expect(
      await count(`SELECT count(*) AS n FROM staff_audit_log WHERE action = 'support_assign' AND resource_id = $1`, [
        conversationId,
      ]),
    ).toBe(2);
  });

  it('refuses a reply past the 48 h window and offers the subscribe-message fallback when the user consented', async () => {
    const consenting = await customerWhoWrote('麻烦稍后回复我');
    testApp.sim.acceptSubscription(consenting.customer.openid, ['TPL_SUPPORT_REPLY']);
    expect(
      (
        await consenting.customer.api('POST', '/api/v1/me/subscriptions', {
          templateId: 'TPL_SUPPORT_REPLY',
          result: 'accept',
        })
      ).status,
    ).toBe(204);
    const silent = await customerWhoWrote('我也在等');

    travel(49 * 3600);
    const late = await support.api('POST', `/api/v1/staff/support/conversations/${consenting.conversationId}/replies`, {
      text: '抱歉久等',
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'SUPPORT_REPLY_WINDOW_CLOSED',
      details: { fallback: { available: true, templateId: 'TPL_SUPPORT_REPLY' } },
    });
    expect((await detailOf(support, consenting.conversationId)).replyWindow).toMatchObject({
      open: false,
      secondsLeft: 0,
      fallbackAvailable: true,
    });
    const fallback = await support.api(
      'POST',
      `/api/v1/staff/support/conversations/${consenting.conversationId}/fallback`,
      { text: '您的问题已有答复' },
    );
    expect(fallback.status).toBe(202);
    await waitFor('the subscribe message', async () =>
      testApp.sim.ledger
        .of('subscribe_message')
        .some((m) => m.openid === consenting.customer.openid && m.templateId === 'TPL_SUPPORT_REPLY'),
    );
    expect(
      (
        await support.api('POST', `/api/v1/staff/support/conversations/${consenting.conversationId}/fallback`, {
          text: '再发一条',
        })
      ).body.code,
    ).toBe('SUPPORT_FALLBACK_UNAVAILABLE');

    const none = await support.api('POST', `/api/v1/staff/support/conversations/${silent.conversationId}/replies`, {
      text: '抱歉久等',
    });
    expect(none.body).toMatchObject({
      code: 'SUPPORT_REPLY_WINDOW_CLOSED',
      details: { fallback: { available: false } },
    });
    expect(customMessagesTo(testApp, consenting.customer.openid)).toHaveLength(0);
  });

  it('runs the complaint clock: 15 days, a reminder three days before, the overdue list, a recorded extension to 60 days, the outcome sent', async () => {
    const { customer, conversationId } = await customerWhoWrote('我要投诉，理赔三天还没到账');
    const opened = await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/complaint`, {
      summary: '理赔到账慢',
      complex: false,
    });
    expect(opened.status).toBe(201);
    const complaintId = opened.body.complaintId as string;
    expect(
      (
        await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/complaint`, {
          summary: '重复',
        })
      ).body.code,
    ).toBe('COMPLAINT_ALREADY_OPEN');
    const fresh = (await support.api<Complaint>('GET', `/api/v1/staff/support/complaints/${complaintId}`)).body;
    expect(fresh).toMatchObject({ track: 'standard', clock: 'on_time', daysLeft: 15 });
    expect(Date.parse(fresh.deadline) - Date.parse(fresh.acceptedAt)).toBe(15 * 86_400_000);
    const sweep = testApp.app.get(SweepComplaintDeadlinesUseCase);
    const reminded = async () =>
      (
        await support.api<{ items: { complaintId: string }[] }>('GET', '/api/v1/staff/support/complaints/reminders')
      ).body.items.map((r) => r.complaintId);
    const listed = async (state: string) =>
      (
        await support.api<{ items: Complaint[] }>('GET', `/api/v1/staff/support/complaints?state=${state}`)
      ).body.items.map((c) => c.id);

    travel(11 * 86_400);
    await sweep.execute();
    expect(await reminded()).not.toContain(complaintId);

    travel(1.5 * 86_400);
    await sweep.execute();
    expect(await reminded()).toContain(complaintId);
    expect(await listed('due_soon')).toContain(complaintId);
    expect(await listed('overdue')).not.toContain(complaintId);
    expect(
      (await detailOf(support, conversationId)).messages.some(
        (m) => m.direction === 'note' && /投诉工单将于 .+ 到期/.test(m.text ?? ''),
      ),
    ).toBe(true);
    const again = await sweep.execute();
    expect(again.reminded).toBe(0);

    travel(3 * 86_400);
    expect(await listed('overdue')).toContain(complaintId);
    expect((await support.api<Complaint>('GET', `/api/v1/staff/support/complaints/${complaintId}`)).body.clock).toBe(
      'overdue',
    );

    expect(
      (
        await support.api('POST', `/api/v1/staff/support/complaints/${complaintId}/extension`, {
          reason: '需调取航空公司证明',
        })
      ).status,
    ).toBe(204);
    const extended = (await support.api<Complaint>('GET', `/api/v1/staff/support/complaints/${complaintId}`)).body;
    expect(extended).toMatchObject({ track: 'extended', clock: 'on_time', extensionReason: '需调取航空公司证明' });
    expect(Date.parse(extended.deadline) - Date.parse(extended.acceptedAt)).toBe(60 * 86_400_000);
    expect(await listed('overdue')).not.toContain(complaintId);
    expect(
      (await support.api('POST', `/api/v1/staff/support/complaints/${complaintId}/extension`, { reason: '再延' })).body
        .code,
    ).toBe('COMPLAINT_ALREADY_EXTENDED');

    // The user writes again, so the decision can go out as a reply.
    await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '处理得怎么样了' });
    await waitFor('the new message', async () => (await detailOf(support, conversationId)).replyWindow.open);
    const decided = await support.api('POST', `/api/v1/staff/support/complaints/${complaintId}/outcome`, {
      outcome: '经核实理赔款已于今日到账，向您致歉。',
    });
    expect(decided.body).toEqual({ sentAs: 'reply' });
    await waitFor('the decision in WeChat', async () =>
      customMessagesTo(testApp, customer.openid).some((m) => m.body.text?.content.startsWith('【投诉处理结果】')),
    );
    expect(await listed('closed')).toContain(complaintId);
    expect(await listed('open')).not.toContain(complaintId);
  });

  it('keeps the inbox to the roles the staff policy allows: marketing is refused and audited, only a lead adds canned replies', async () => {
    const { conversationId } = await customerWhoWrote('市场部能看到我吗');
    const marketing = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dev-marketing', password: 'xiaoan-dev-staff' }),
    });
    const { token } = (await marketing.json()) as { token: string };
    const asMarketing = (method: string, path: string, body?: unknown) =>
      fetch(`${testApp.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    for (const [method, path, body] of [
      ['GET', '/api/v1/staff/support/conversations'],
      ['GET', `/api/v1/staff/support/conversations/${conversationId}`],
      ['GET', `/api/v1/staff/support/conversations/${conversationId}/context`],
      ['POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, { text: '越权回复' }],
      ['GET', '/api/v1/staff/support/complaints'],
    ] as [string, string, unknown?][]) {
      const answer = await asMarketing(method, path, body);
      expect([path, answer.status, ((await answer.json()) as { code: string }).code]).toEqual([
        path,
        403,
        'STAFF_ROLE_FORBIDDEN',
      ]);
    }
    expect(
      await count(`SELECT count(*) AS n FROM support_messages WHERE conversation_id = $1 AND direction = 'out'`, [
        conversationId,
      ]),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM staff_audit_log WHERE username = 'dev-marketing' AND action = 'access_denied'`,
      ),
    ).toBe(5);
    const supportAdds = await support.api('POST', '/api/v1/staff/support/canned-replies', {
      title: '新回复',
      body: '您好',
    });
    expect([supportAdds.status, supportAdds.body.code]).toEqual([403, 'STAFF_ROLE_FORBIDDEN']);
    const adminAdds = await admin.api('POST', '/api/v1/staff/support/canned-replies', {
      title: '保单查询',
      body: '您的保单 {{policyNo}} 状态正常。',
    });
    expect(adminAdds.status).toBe(201);
    expect(adminAdds.body.variables).toEqual(['policyNo']);
  });

  it('records a satisfaction rating once the conversation is resolved, and reports first-response and resolution times per agent', async () => {
    const { customer, conversationId } = await customerWhoWrote('谢谢');
    expect((await customer.api('POST', '/api/v1/support/rating', { score: 5 })).status).toBe(409);
    await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, { text: '不客气' });
    expect(
      (await support.api('PATCH', `/api/v1/staff/support/conversations/${conversationId}`, { status: 'resolved' }))
        .status,
    ).toBe(204);
    expect((await customer.api<CustomerConversation>('GET', '/api/v1/support/conversation')).body.canRate).toBe(true);
    expect((await customer.api('POST', '/api/v1/support/rating', { score: 5 })).status).toBe(204);
    expect((await customer.api('POST', '/api/v1/support/rating', { score: 1 })).status).toBe(409);
    const sla = await support.api('GET', '/api/v1/staff/support/sla?days=365');
    expect(sla.status).toBe(200);
    const me = sla.body.perAgent.find((agent: { displayName: string }) => agent.displayName === '开发客服');
    expect(me.conversations).toBeGreaterThanOrEqual(1);
    expect(me.firstResponseAvgSeconds).toEqual(expect.any(Number));
    expect(me.averageRating).toBe(5);
    expect((await detailOf(support, conversationId)).status).toBe('resolved');
  });

  it('invites a WeChat user to rate on resolution with a linked customer message, counted against the quota, and writes to no one past the window', async () => {
    const { customer, conversationId } = await customerWhoWrote('好的，明白了');
    await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
      text: '还有其他问题吗？',
    });
    expect(
      (await support.api('PATCH', `/api/v1/staff/support/conversations/${conversationId}`, { status: 'resolved' }))
        .status,
    ).toBe(204);
    const invitation = await waitFor('the rating invitation in WeChat', async () =>
      customMessagesTo(testApp, customer.openid).find((entry) =>
        entry.body.text?.content.includes('data-miniprogram-path="packages/support/chat/index?rate=1"'),
      ),
    );
    expect(invitation.body.text!.content).toContain('点此一键评价');
    const { rows } = await testApp.db.query(
      `SELECT replies_remaining, rating_invited_at IS NOT NULL AS invited FROM support_conversations WHERE id = $1`,
      [conversationId],
    );
    expect(rows).toEqual([{ replies_remaining: 3, invited: true }]);

    // Past WeChat's window: resolved without writing to the user.
    const late = await customerWhoWrote('在吗');
    travel(49 * 3600);
    expect(
      (await support.api('PATCH', `/api/v1/staff/support/conversations/${late.conversationId}`, { status: 'resolved' }))
        .status,
    ).toBe(204);
    await sleep(800);
    expect(customMessagesTo(testApp, late.customer.openid)).toEqual([]);
    expect((await late.customer.api<CustomerConversation>('GET', '/api/v1/support/conversation')).body.canRate).toBe(
      true,
    );
  });

  it('takes H5 chat-page messages into the same inbox like a push, and delivers the replies to the page rather than to WeChat, without WeChat’s quota', async () => {
    const customer = await newCustomer(testApp);
    // Malformed: 400 and nothing stored.
    const empty = await customer.api('POST', '/api/v1/support/messages', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(await count(`SELECT count(*) AS n FROM support_inbound_pushes WHERE openid = $1`, [customer.openid])).toBe(
      0,
    );

    const written = await customer.api<{ messageKey: string }>('POST', '/api/v1/support/messages', {
      text: '你好，我是从理赔页进来的',
      sessionFrom: 'C2026120100000017',
    });
    expect(written.status).toBe(202);
    expect(written.body.messageKey).toMatch(/^h5:/);
    const conversationId = await conversationOf(testApp, customer.openid);
    await waitFor(
      'the message',
      async () =>
        (await count(`SELECT count(*) AS n FROM support_messages WHERE conversation_id = $1`, [conversationId])) === 1,
    );
    const [push] = (
      await testApp.db.query(`SELECT mode, payload FROM support_inbound_pushes WHERE openid = $1`, [customer.openid])
    ).rows;
    expect(push).toMatchObject({
      mode: 'h5',
      payload: {
        FromUserName: customer.openid,
        MsgType: 'text',
        Content: '你好，我是从理赔页进来的',
        SessionFrom: 'C2026120100000017',
      },
    });
    const detail = await detailOf(support, conversationId);
    expect(detail).toMatchObject({
      channel: 'h5',
      sessionFrom: 'C2026120100000017',
      messages: [{ direction: 'in', text: '你好，我是从理赔页进来的' }],
    });

    // Seven replies: more than WeChat would allow, none through WeChat, all on the page.
    for (let n = 1; n <= 7; n += 1) {
      expect(
        (
          await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
            text: `第 ${n} 条回复`,
          })
        ).status,
      ).toBe(202);
    }
    await waitFor(
      'the replies delivered',
      async () =>
        (await count(`SELECT count(*) AS n FROM support_messages WHERE conversation_id = $1 AND send_state = 'sent'`, [
          conversationId,
        ])) === 7,
    );
    expect(customMessagesTo(testApp, customer.openid)).toEqual([]);
    const chat = await customer.api<CustomerConversation>('GET', '/api/v1/support/conversation');
    expect(chat.body.messages.map((message) => message.text)).toEqual([
      '你好，我是从理赔页进来的',
      ...Array.from({ length: 7 }, (_, i) => `第 ${i + 1} 条回复`),
    ]);

    // The user then writes from WeChat: the conversation answers there, inside WeChat's limits again.
    await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '我在微信里' });
    await waitFor('the WeChat message', async () => (await detailOf(support, conversationId)).channel === 'wechat');
    expect(
      (
        await support.api('POST', `/api/v1/staff/support/conversations/${conversationId}/replies`, {
          text: '微信里回复您',
        })
      ).status,
    ).toBe(202);
    await waitFor('the reply in WeChat', async () =>
      customMessagesTo(testApp, customer.openid).some((entry) => entry.body.text?.content === '微信里回复您'),
    );
    expect((await detailOf(support, conversationId)).replyWindow.remaining).toBe(4);
  });

  it('stores pushes that arrive together in batches: 60 distinct pushes, each delivered twice at once, become 60 messages', async () => {
    const customer = await newCustomer(testApp);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: `并发消息 ${n}`, deliveries: 2 }),
      ),
    );
    expect(results.every((result) => result.delivered)).toBe(true);
    const msgIds = results.map((result) => result.msgId);
    await waitFor(
      '60 messages',
      async () =>
        (await count(`SELECT count(*) AS n FROM support_messages WHERE wx_msg_id = ANY($1)`, [msgIds])) === 60,
      30_000,
    );
    expect(await count(`SELECT count(*) AS n FROM support_inbound_pushes WHERE dedupe_key = ANY($1)`, [msgIds])).toBe(
      60,
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM support_inbound_pushes WHERE dedupe_key = ANY($1) AND processed_at IS NULL`,
        [msgIds],
      ),
    ).toBe(0);
  }, 60_000);
});
