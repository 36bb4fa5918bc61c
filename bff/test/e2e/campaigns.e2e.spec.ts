import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CampaignDefinitionInput,
  MyInvite,
  MyInvitesResponse,
  StaffCampaign,
  StaffLoginResponse,
} from '@xiaoan/shared';
import { newInviteCode } from '../../src/modules/campaign/domain/invite-code.js';
import { SyncRewardBillUseCase } from '../../src/modules/campaign/sync-reward-bill.use-case.js';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import { newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Json<T> = { status: number; body: T & { code?: string; details?: unknown } };

const RULES =
  '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。每人每天有上限，红包在观察期后可领取。奖励与是否购买保险无关。';

const definition = (overrides: Partial<CampaignDefinitionInput> = {}): CampaignDefinitionInput => ({
  name: `邀好友看条款 ${randomUUID().slice(0, 6)}`,
  startsAt: new Date(Date.now() - 3600_000).toISOString(),
  endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  budgetFen: 100_000,
  rulesText: RULES,
  shareCard: { title: '航班延误自动赔，看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
  rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
  caps: { perUserPerDay: 100, perIpPerDay: 1000, perCampaignPerDay: 1000 },
  pendingDays: 3,
  ...overrides,
});

describe('share-and-win campaigns (real HTTP, PostgreSQL, WeChat simulator)', () => {
  let testApp: TestApp;
  let admin: string;
  let marketing: string;
  let support: string;

  const call = async <T>(token: string | null, method: string, path: string, body?: unknown): Promise<Json<T>> => {
    const response = await fetch(`${testApp.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json<T>['body'] };
  };
  const staffLogin = async (username: string, password: string): Promise<string> => {
    const { status, body } = await call<StaffLoginResponse>(null, 'POST', '/api/v1/staff/auth/login', {
      username,
      password,
    });
    if (status !== 200) throw new Error(`staff login ${username}: ${status}`);
    return body.token;
  };
  /** A WeChat user opening the mini-program, through a share carrying `inviteCode` if given. */
  const login = async (input: { openid?: string; inviteCode?: string; riskRank?: number } = {}) => {
    const openid = input.openid ?? `o_camp_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    if (input.riskRank !== undefined) testApp.sim.upsertUser({ openid, riskRank: input.riskRank });
    const { code } = testApp.sim.mintLoginCode({ openid });
    const { status, body } = await call<{ token: string }>(null, 'POST', '/api/v1/auth/wechat-login', {
      code,
      ...(input.inviteCode
        ? { inviteCode: input.inviteCode, sharePath: `/pages/home/index?ic=${input.inviteCode}`, scene: 1007 }
        : {}),
    });
    if (status !== 200) throw new Error(`login: ${status} ${JSON.stringify(body)}`);
    const [row] = (await testApp.db.query(`SELECT id::text FROM customers WHERE openid = $1`, [openid])).rows as {
      id: string;
    }[];
    return { openid, token: body.token, id: row!.id };
  };
  type User = Awaited<ReturnType<typeof login>>;
  const inviteCodeOf = async (user: User) =>
    (await call<MyInvite>(user.token, 'GET', '/api/v1/campaigns/me/invite')).body.inviteCode;
  const inviterOf = async (user: User) =>
    (
      (await testApp.db.query(`SELECT inviter_id::text FROM invite_bindings WHERE invitee_id = $1`, [user.id]))
        .rows[0] as { inviter_id: string } | undefined
    )?.inviter_id ?? null;
  const readTerms = (user: User, product = 'FD120') =>
    call<{ outcomes: { campaignId: string; outcome: string }[] }>(user.token, 'POST', '/api/v1/campaigns/actions', {
      action: 'friend_read_terms',
      product,
    });
  const publish = async (overrides: Partial<CampaignDefinitionInput> = {}): Promise<string> => {
    const created = await call<StaffCampaign>(marketing, 'POST', '/api/v1/staff/campaigns', definition(overrides));
    expect(created.status).toBe(201);
    expect(
      (await call<StaffCampaign>(marketing, 'POST', `/api/v1/staff/campaigns/${created.body.id}/submit`)).body.status,
    ).toBe('in_review');
    expect(
      (
        await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${created.body.id}/review`, {
          decision: 'approve',
          reason: '合规检查通过',
        })
      ).body.status,
    ).toBe('published');
    published.add(created.body.id);
    return created.body.id;
  };
  const end = async (id: string) => {
    published.delete(id);
    expect((await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${id}/end`)).body.status).toBe('ended');
  };
  /** Campaigns a test published and did not end (it failed first): ended, so they cannot skew the next test. */
  const published = new Set<string>();
  afterEach(async () => {
    for (const id of published) await call(admin, 'POST', `/api/v1/staff/campaigns/${id}/end`);
    published.clear();
  });
  const rewardsOf = async (user: User) =>
    (await call<MyInvitesResponse>(user.token, 'GET', '/api/v1/campaigns/me/invites')).body.rewards;

  beforeAll(async () => {
    testApp = await startTestApp();
    for (const [username, role] of [
      ['mkt-campaigns', 'marketing'],
      ['sup-campaigns', 'support'],
    ] as const) {
      await testApp.db.query(
        `INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ($1, $1, ARRAY[$2]::varchar(16)[], $3)`,
        [username, role, await hashStaffPassword('campaign-pass')],
      );
    }
    admin = await staffLogin('dev-admin', 'xiaoan-dev-staff');
    marketing = await staffLogin('mkt-campaigns', 'campaign-pass');
    support = await staffLogin('sup-campaigns', 'campaign-pass');
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('refuses a purchase-linked campaign at submit naming the rule; admin alone publishes the fixed version, archived immutably', async () => {
    const created = await call<StaffCampaign>(
      marketing,
      'POST',
      '/api/v1/staff/campaigns',
      definition({
        rewardRules: [{ trigger: 'friend_purchase', reward: { kind: 'cash', amountFen: 500 } }],
        shareCard: { title: '百元现金天天领', imageUrl: 'x.png' },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const refused = await call<StaffCampaign>(marketing, 'POST', `/api/v1/staff/campaigns/${created.body.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CAMPAIGN_NOT_COMPLIANT');
    const violations = (refused.body.details as { violations: { code: string; field: string; message: string }[] })
      .violations;
    expect(violations.map((v) => [v.code, v.field])).toEqual(
      expect.arrayContaining([
        ['PURCHASE_TRIGGER', 'rewardRules[0].trigger'],
        ['FORBIDDEN_COPY', 'shareCard.title'],
      ]),
    );
    expect(violations.find((v) => v.code === 'PURCHASE_TRIGGER')!.message).toMatch(/保险法第116条/);
    expect(
      (await call<StaffCampaign>(marketing, 'GET', `/api/v1/staff/campaigns/${created.body.id}`)).body.status,
    ).toBe('draft');

    // Outsiders: support may not write campaigns; marketing may not approve its own.
    expect((await call(support, 'POST', '/api/v1/staff/campaigns', definition())).body.code).toBe(
      'STAFF_ROLE_FORBIDDEN',
    );
    const fixed = await call<StaffCampaign>(
      marketing,
      'PUT',
      `/api/v1/staff/campaigns/${created.body.id}`,
      definition({ name: '邀好友看条款（修改版）' }),
    );
    expect(fixed.status).toBe(200);
    expect(
      (await call<StaffCampaign>(marketing, 'POST', `/api/v1/staff/campaigns/${created.body.id}/submit`)).body.status,
    ).toBe('in_review');
    expect(
      (
        await call(marketing, 'POST', `/api/v1/staff/campaigns/${created.body.id}/review`, {
          decision: 'approve',
          reason: '自己批准',
        })
      ).body.code,
    ).toBe('STAFF_ROLE_FORBIDDEN');
    // In review, it is frozen.
    expect((await call(marketing, 'PUT', `/api/v1/staff/campaigns/${created.body.id}`, definition())).body.code).toBe(
      'CAMPAIGN_STATUS_CONFLICT',
    );
    const approved = await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${created.body.id}/review`, {
      decision: 'approve',
      reason: '合规检查通过',
    });
    expect(approved.body).toMatchObject({ status: 'published', version: 1, publishedVersion: 1 });

    const current = await call<{ id: string; rulesText: string; name: string }>(
      null,
      'GET',
      '/api/v1/campaigns/current',
    );
    expect(current.body).toMatchObject({ id: created.body.id, rulesText: RULES, name: '邀好友看条款（修改版）' });

    const archived = await testApp.db.query(
      `SELECT version, definition->>'name' AS name, submitted_by, approved_by FROM campaign_versions WHERE campaign_id = $1`,
      [created.body.id],
    );
    expect(archived.rows).toEqual([
      { version: 1, name: '邀好友看条款（修改版）', submitted_by: 'mkt-campaigns', approved_by: 'dev-admin' },
    ]);
    await expect(
      testApp.db.query(`UPDATE campaign_versions SET definition = '{}' WHERE campaign_id = $1`, [created.body.id]),
    ).rejects.toThrow(/archived and immutable/);
    await expect(
      testApp.db.query(`DELETE FROM campaign_versions WHERE campaign_id = $1`, [created.body.id]),
    ).rejects.toThrow(/archived and immutable/);

    const audit = await testApp.db.query(
      `SELECT action FROM staff_audit_log WHERE resource_type = 'campaign' AND resource_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual([
      'campaign_create',
      'campaign_submit_refused',
      'campaign_update',
      'campaign_submit',
      'campaign_approve',
    ]);

    // Paused: not current; only an admin pauses.
    expect((await call(marketing, 'POST', `/api/v1/staff/campaigns/${created.body.id}/pause`)).body.code).toBe(
      'STAFF_ROLE_FORBIDDEN',
    );
    expect(
      (await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${created.body.id}/pause`)).body.status,
    ).toBe('paused');
    expect((await call(null, 'GET', '/api/v1/campaigns/current')).body.code).toBe('CAMPAIGN_NONE_ACTIVE');
    await end(created.body.id);
  });

  it('binds a new user to the inviter once, on first login; refuses self-invites, cycles and re-binding', async () => {
    const alice = await login();
    const code = await inviteCodeOf(alice);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await inviteCodeOf(alice)).toBe(code);
    expect((await call<MyInvite>(alice.token, 'GET', '/api/v1/campaigns/me/invite')).body.sharePath).toBe(
      `/pages/home/index?ic=${code}`,
    );

    const bob = await login({ inviteCode: code.toLowerCase() });
    expect(await inviterOf(bob)).toBe(alice.id);
    const binding = await testApp.db.query(`SELECT share_path, scene FROM invite_bindings WHERE invitee_id = $1`, [
      bob.id,
    ]);
    // The path is recorded as the card carried it (here in lower case), for attribution.
    expect(binding.rows).toEqual([{ share_path: `/pages/home/index?ic=${code.toLowerCase()}`, scene: 1007 }]);

    // Self: Alice opening her own card. Cycle: Alice through Bob's code (Bob descends from her).
    await login({ openid: alice.openid, inviteCode: code });
    const bobCode = await inviteCodeOf(bob);
    await login({ openid: alice.openid, inviteCode: bobCode });
    expect(await inviterOf(alice)).toBeNull();
    // Re-binding: Bob through Carol's code later stays Alice's.
    const carol = await login();
    await login({ openid: bob.openid, inviteCode: await inviteCodeOf(carol) });
    expect(await inviterOf(bob)).toBe(alice.id);
    // An existing user who never had an inviter is not bound later either; an unknown code binds no one.
    await login({ openid: carol.openid, inviteCode: code });
    expect(await inviterOf(carol)).toBeNull();
    const dave = await login({ inviteCode: 'ZZZZZZZZ' });
    expect(await inviterOf(dave)).toBeNull();
    // The database refuses a self-binding outright.
    await expect(
      testApp.db.query(`INSERT INTO invite_bindings (invitee_id, inviter_id, invite_code) VALUES ($1, $1, 'X')`, [
        dave.id,
      ]),
    ).rejects.toThrow(/invite_bindings_not_self/);

    const mine = await call<MyInvitesResponse>(alice.token, 'GET', '/api/v1/campaigns/me/invites');
    expect(mine.body.invites).toHaveLength(1);
    expect(mine.body.invites[0]!.friendMasked).toBe(`微信用户${bob.openid.slice(-4)}`);
  });

  it('grants the fixed reward only after the friend’s own qualifying action, never for a purchase, once per friend, held before payable', async () => {
    const campaignId = await publish();
    const alice = await login();
    const bob = await login({ inviteCode: await inviteCodeOf(alice) });

    // Bob buys a policy: Alice gets nothing for it.
    const buyer = await newCustomer(testApp, bob.openid);
    const quote = await buyer.quote();
    const order = await buyer.order(quote);
    expect(order.status).toBe(201);
    buyer.pay(order.body);
    await buyer.waitForOrder(order.body.id, ['issued']);
    expect(await rewardsOf(alice)).toEqual([]);

    // Claims that are not real change nothing: an unknown product, reminders never turned on.
    expect((await readTerms(bob, 'NOPE')).status).toBe(400);
    expect(
      (await call(bob.token, 'POST', '/api/v1/campaigns/actions', { action: 'friend_enable_claim_reminders' })).status,
    ).toBe(400);
    expect((await call(bob.token, 'POST', '/api/v1/campaigns/actions', { action: 'friend_purchase' })).status).toBe(
      400,
    );
    expect(await rewardsOf(alice)).toEqual([]);

    // Alice reading terms herself earns nothing (she was invited by no one).
    expect((await readTerms(alice)).body.outcomes).toEqual([]);
    const done = await readTerms(bob);
    expect(done.body.outcomes).toEqual([{ campaignId, ruleIndex: 0, outcome: 'granted' }]);
    expect((await readTerms(bob)).body.outcomes).toEqual([{ campaignId, ruleIndex: 0, outcome: 'already_granted' }]);
    const rewards = await rewardsOf(alice);
    expect(rewards).toEqual([expect.objectContaining({ campaignId, kind: 'cash', amountFen: 500, status: 'pending' })]);
    const heldDays = (Date.parse(rewards[0]!.payableAt) - Date.now()) / 86_400_000;
    expect(heldDays).toBeGreaterThan(2.9);
    expect(heldDays).toBeLessThanOrEqual(3);
    expect(await rewardsOf(bob)).toEqual([]);
    // Held: not collectable before the pending period ends.
    expect((await call(alice.token, 'POST', `/api/v1/campaigns/rewards/${rewards[0]!.id}/collect`)).body.code).toBe(
      'CAMPAIGN_REWARD_NOT_COLLECTABLE',
    );
    const spent = await testApp.db.query(`SELECT spent_fen::int FROM campaigns WHERE id = $1`, [campaignId]);
    expect(spent.rows[0]).toEqual({ spent_fen: 500 });

    // Paused: the same action by a new friend grants nothing.
    expect((await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${campaignId}/pause`)).body.status).toBe(
      'paused',
    );
    const erin = await login({ inviteCode: await inviteCodeOf(alice) });
    expect((await readTerms(erin)).body.outcomes).toEqual([]);
    await end(campaignId);
  });

  it('enforces the per-user, per-IP and per-campaign daily caps without spending budget on refusals', async () => {
    const campaignId = await publish({ caps: { perUserPerDay: 2, perIpPerDay: 3, perCampaignPerDay: 1000 } });
    const ann = await login();
    const annCode = await inviteCodeOf(ann);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i += 1)
      outcomes.push((await readTerms(await login({ inviteCode: annCode }))).body.outcomes[0]!.outcome);
    expect(outcomes).toEqual(['granted', 'granted', 'cap_user']);
    const ben = await login();
    const benCode = await inviteCodeOf(ben);
    // Every test friend acts from 127.0.0.1: the third grant from it today is the last.
    expect((await readTerms(await login({ inviteCode: benCode }))).body.outcomes[0]!.outcome).toBe('granted');
    expect((await readTerms(await login({ inviteCode: benCode }))).body.outcomes[0]!.outcome).toBe('cap_ip');
    const spent = await testApp.db.query(
      `SELECT spent_fen::int, (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1) AS rewards FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    expect(spent.rows[0]).toEqual({ spent_fen: 1500, rewards: 3 });
    await end(campaignId);

    const small = await publish({ caps: { perUserPerDay: 100, perIpPerDay: 1000, perCampaignPerDay: 2 } });
    const cat = await login();
    const catCode = await inviteCodeOf(cat);
    const smallOutcomes: string[] = [];
    for (let i = 0; i < 3; i += 1)
      smallOutcomes.push((await readTerms(await login({ inviteCode: catCode }))).body.outcomes[0]!.outcome);
    expect(smallOutcomes).toEqual(['granted', 'granted', 'cap_campaign']);
    await end(small);
  });

  it('sends a friend WeChat ranks 4 (getuserriskrank, scene 1) to the review queue instead of payout; admin decides', async () => {
    const campaignId = await publish();
    const amy = await login();
    const amyCode = await inviteCodeOf(amy);
    const risky = await login({ inviteCode: amyCode, riskRank: 4 });
    const alsoRisky = await login({ inviteCode: amyCode, riskRank: 4 });
    const fine = await login({ inviteCode: amyCode, riskRank: 3 });
    expect((await readTerms(risky)).body.outcomes[0]!.outcome).toBe('review');
    expect((await readTerms(alsoRisky)).body.outcomes[0]!.outcome).toBe('review');
    expect((await readTerms(fine)).body.outcomes[0]!.outcome).toBe('granted');
    expect((await rewardsOf(amy)).map((r) => r.status).sort()).toEqual(['pending', 'review', 'review']);

    expect((await call(marketing, 'GET', '/api/v1/staff/campaign-rewards/review')).body.code).toBe(
      'STAFF_ROLE_FORBIDDEN',
    );
    const queue = await call<{ items: { id: string; inviteeId: string; riskRank: number }[] }>(
      admin,
      'GET',
      '/api/v1/staff/campaign-rewards/review',
    );
    expect(queue.body.items.map((i) => [i.inviteeId, i.riskRank]).sort()).toEqual(
      [
        [risky.id, 4],
        [alsoRisky.id, 4],
      ].sort(),
    );
    const [first, second] = queue.body.items;
    expect(
      (
        await call<{ status: string }>(admin, 'POST', `/api/v1/staff/campaign-rewards/${first!.id}/review`, {
          decision: 'approve',
          reason: '人工核实为真实用户',
        })
      ).body.status,
    ).toBe('pending');
    expect(
      (
        await call<{ status: string }>(admin, 'POST', `/api/v1/staff/campaign-rewards/${second!.id}/review`, {
          decision: 'reject',
          reason: '疑似刷单',
        })
      ).body.status,
    ).toBe('rejected');
    expect(
      (
        await call(admin, 'POST', `/api/v1/staff/campaign-rewards/${second!.id}/review`, {
          decision: 'approve',
          reason: '再次审核',
        })
      ).body.code,
    ).toBe('CAMPAIGN_REWARD_NOT_FOUND');
    // The rejected reward's budget comes back: two of three remain spent.
    const spent = await testApp.db.query(`SELECT spent_fen::int FROM campaigns WHERE id = $1`, [campaignId]);
    expect(spent.rows[0]).toEqual({ spent_fen: 1000 });
    await end(campaignId);
  });

  it('grants exactly 10 of 200 concurrent qualifying actions against a budget with 10 rewards left', async () => {
    const campaignId = await publish({ budgetFen: 100_000 });
    await testApp.db.query(`UPDATE campaigns SET spent_fen = budget_fen - 5000 WHERE id = $1`, [campaignId]);
    const inviters = await Promise.all(Array.from({ length: 4 }, () => login()));
    // Known defect (noted on issue 12): handing out a code through GET me/invite queues its poster,
    // and composing a poster runs on the API process's event loop and stalls it for seconds, long
    // enough to time out WeChat logins. This test is about the budget under contention, so the four
    // inviters' codes are written directly, with no poster behind them.
    const codes = inviters.map(() => newInviteCode());
    for (const [i, inviter] of inviters.entries())
      await testApp.db.query(`INSERT INTO invite_codes (customer_id, code) VALUES ($1, $2)`, [inviter.id, codes[i]]);
    const friends: User[] = [];
    for (let i = 0; i < 200; i += 10)
      friends.push(
        ...(await Promise.all(Array.from({ length: 10 }, (_, j) => login({ inviteCode: codes[(i + j) % 4]! })))),
      );
    const results = await Promise.all(friends.map((friend) => readTerms(friend)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const tally: Record<string, number> = {};
    for (const r of results) for (const o of r.body.outcomes) tally[o.outcome] = (tally[o.outcome] ?? 0) + 1;
    expect(tally).toEqual({ granted: 10, budget_exhausted: 190 });
    const row = await testApp.db.query(
      `SELECT budget_fen::int, spent_fen::int, (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1) AS rewards FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    expect(row.rows[0]).toEqual({ budget_fen: 100_000, spent_fen: 100_000, rewards: 10 });
    await end(campaignId);
  }, 120_000);

  it('pays a payable cash reward as one marketing-scene (1000) transfer bill, exactly once across WeChat faults, repeated taps and a duplicated notification', async () => {
    const campaignId = await publish({ pendingDays: 0 });
    const zoe = await login();
    const friend = await login({ inviteCode: await inviteCodeOf(zoe) });
    expect((await readTerms(friend)).body.outcomes[0]!.outcome).toBe('granted');
    const [reward] = await rewardsOf(zoe);
    expect(reward).toMatchObject({ status: 'payable', amountFen: 500 });
    const collect = () =>
      call<{ package: string; openId: string; mchId: string }>(
        zoe.token,
        'POST',
        `/api/v1/campaigns/rewards/${reward!.id}/collect`,
      );
    // Not the friend's to collect.
    expect((await call(friend.token, 'POST', `/api/v1/campaigns/rewards/${reward!.id}/collect`)).body.code).toBe(
      'CAMPAIGN_REWARD_NOT_FOUND',
    );

    try {
      // WeChat fails twice: the tap says "busy"; nothing is lost, the number is kept.
      testApp.sim.faults.set('transfer.create', { kind: 'system_error' }, { times: 2 });
      const busy = await collect();
      expect([busy.status, busy.body.code]).toEqual([503, 'PAYOUT_BUSY']);
      // Once more it fails, then the identical retry goes through.
      testApp.sim.faults.set('transfer.create', { kind: 'system_error' }, { times: 1 });
      const first = await collect();
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ mchId: testApp.sim.keys.mchid, openId: zoe.openid });
      const again = await collect();
      expect(again.body.package).not.toBe(first.body.package);
      const bills = await testApp.db.query(
        `SELECT out_bill_no, attempt, state FROM campaign_reward_bills WHERE reward_id = $1`,
        [reward!.id],
      );
      expect(bills.rows).toHaveLength(1);
      const outBillNo = (bills.rows[0] as { out_bill_no: string }).out_bill_no;
      expect(outBillNo).toMatch(/^CR[0-9A-F]{24}A1$/);

      // WeChat delivers the SUCCESS notification twice.
      testApp.sim.faults.setNotificationFault('duplicate', { times: 1 });
      testApp.sim.confirmTransfer({ package: again.body.package, openid: zoe.openid });
      for (let i = 0; i < 100 && (await rewardsOf(zoe))[0]!.status !== 'paid'; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await rewardsOf(zoe))[0]!.status).toBe('paid');
      const entries = testApp.sim.ledger.of('transfer').filter((entry) => entry.outBillNo === outBillNo);
      expect(entries.map((entry) => [entry.state, entry.sceneId, entry.amount, entry.openid])).toEqual([
        ['ACCEPTED', '1000', 500, zoe.openid],
        ['SUCCESS', '1000', 500, zoe.openid],
      ]);
      // Paid: collecting again opens nothing and creates no second bill.
      expect((await collect()).body.code).toBe('CAMPAIGN_REWARD_NOT_COLLECTABLE');
      expect(
        testApp.sim.ledger
          .of('transfer')
          .filter((entry) => entry.sceneId === '1000' && entry.state === 'SUCCESS' && entry.openid === zoe.openid),
      ).toHaveLength(1);
      const final = await testApp.db.query(
        `SELECT count(*)::int AS bills, bool_and(b.state = 'SUCCESS') AS all_paid, (SELECT count(*)::int FROM payment_notifications WHERE out_trade_no = $2) AS notifications
           FROM campaign_reward_bills b WHERE b.reward_id = $1`,
        [reward!.id, outBillNo],
      );
      expect(final.rows[0]).toEqual({ bills: 1, all_paid: true, notifications: 1 });
    } finally {
      testApp.sim.faults.clear();
    }
    await end(campaignId);
  });

  it('pays a reward whose SUCCESS notification never arrived once the sync job looks the bill up, and only once', async () => {
    const campaignId = await publish({ pendingDays: 0 });
    const yan = await login();
    const friend = await login({ inviteCode: await inviteCodeOf(yan) });
    expect((await readTerms(friend)).body.outcomes[0]!.outcome).toBe('granted');
    const [reward] = await rewardsOf(yan);
    const opened = await call<{ package: string }>(
      yan.token,
      'POST',
      `/api/v1/campaigns/rewards/${reward!.id}/collect`,
    );
    expect(opened.status).toBe(200);
    const [{ out_bill_no: outBillNo }] = (
      await testApp.db.query(`SELECT out_bill_no FROM campaign_reward_bills WHERE reward_id = $1`, [reward!.id])
    ).rows as { out_bill_no: string }[];
    // The sync job is queued with the attempt, to run after WeChat's 24 h.
    const queued = await testApp.db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'campaign.sync-reward-bill' AND data->>'outBillNo' = $1`,
      [outBillNo],
    );
    expect(queued.rows[0]).toEqual({ n: 1 });

    try {
      testApp.sim.faults.setNotificationFault('drop', { times: 1 });
      testApp.sim.confirmTransfer({ package: opened.body.package, openid: yan.openid });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await rewardsOf(yan))[0]!.status).toBe('paying');
      const sync = testApp.app.get(SyncRewardBillUseCase);
      expect(await sync.sync(outBillNo)).toBe('SUCCESS');
      expect(await sync.sync(outBillNo)).toBe('SUCCESS');
      expect((await rewardsOf(yan))[0]!.status).toBe('paid');
      expect((await call(yan.token, 'POST', `/api/v1/campaigns/rewards/${reward!.id}/collect`)).body.code).toBe(
        'CAMPAIGN_REWARD_NOT_COLLECTABLE',
      );
      expect(
        testApp.sim.ledger.of('transfer').filter((entry) => entry.openid === yan.openid && entry.state === 'SUCCESS'),
      ).toHaveLength(1);
    } finally {
      testApp.sim.faults.clear();
    }
    await end(campaignId);
  });
});
