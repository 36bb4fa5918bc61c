import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type {
  CampaignAnalytics,
  CampaignDefinitionInput,
  MyHelperProgress,
  MyInvite,
  MyInvitesResponse,
  StaffCampaign,
  StaffLoginResponse,
} from '@xiaoan/shared';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import { beijingDateIn, makeIdNumber, newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Json<T> = { status: number; body: T & { code?: string; details?: unknown }; headers: Headers; raw: Buffer };

const RULES =
  '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。每人每天有上限，红包在观察期后可领取。奖励与是否购买保险无关。';
const HELPER_RULES =
  '助力活动：邀请3位新朋友通过您的邀请首次登录小安保险，并各自阅读任一产品的保险条款，即助力成功，您固定获得8元现金红包。每位好友只能助力一次，结果固定，与是否购买保险无关。';

const definition = (overrides: Partial<CampaignDefinitionInput> = {}): CampaignDefinitionInput => ({
  name: `引擎测试 ${randomUUID().slice(0, 6)}`,
  startsAt: new Date(Date.now() - 3600_000).toISOString(),
  endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  budgetFen: 100_000,
  rulesText: RULES,
  shareCard: { title: '航班延误自动赔，看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
  rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
  caps: {
    perUserPerDay: 100,
    perIpPerDay: 1000,
    perCampaignPerDay: 1000,
    perUserPerCampaign: 1000,
    perIpPerCampaign: 1000,
    perDevicePerDay: 100,
    perDevicePerCampaign: 100,
    perIdNumberPerDay: 100,
    perIdNumberPerCampaign: 100,
  },
  pendingDays: 0,
  ...overrides,
});

// Several engineers share a loaded machine: each case gets room (the checks wait for conditions, never fixed sleeps).
jest.setTimeout(240_000);

describe('campaign engine: 助力, caps, posters, card opens and analytics (real HTTP, PostgreSQL, WeChat simulator)', () => {
  let testApp: TestApp;
  let admin: string;
  let marketing: string;
  let support: string;

  const call = async <T>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Json<T>> => {
    const response = await fetch(`${testApp.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const raw = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      raw,
      body: (type.includes('json') && raw.length ? JSON.parse(raw.toString('utf8')) : {}) as Json<T>['body'],
    };
  };
  const staffLogin = async (username: string, password: string): Promise<string> => {
    const { status, body } = await call<StaffLoginResponse>(null, 'POST', '/api/v1/staff/auth/login', {
      username,
      password,
    });
    if (status !== 200) throw new Error(`staff login ${username}: ${status}`);
    return body.token;
  };
  /** The path a share card carries: the campaign page's names its campaign (`cid`), other pages' none. */
  const sharePath = (code: string, campaignId?: string) =>
    campaignId ? `/packages/campaign/index/index?ic=${code}&cid=${campaignId}` : `/pages/home/index?ic=${code}`;
  const login = async (
    input: { openid?: string; inviteCode?: string; riskRank?: number; campaignId?: string } = {},
  ) => {
    const openid = input.openid ?? `o_eng_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    if (input.riskRank !== undefined) testApp.sim.upsertUser({ openid, riskRank: input.riskRank });
    const { code } = testApp.sim.mintLoginCode({ openid });
    const { status, body } = await call<{ token: string }>(null, 'POST', '/api/v1/auth/wechat-login', {
      code,
      ...(input.inviteCode
        ? { inviteCode: input.inviteCode, sharePath: sharePath(input.inviteCode, input.campaignId), scene: 1007 }
        : {}),
    });
    if (status !== 200) throw new Error(`login: ${status} ${JSON.stringify(body)}`);
    const [row] = (await testApp.db.query(`SELECT id::text FROM customers WHERE openid = $1`, [openid])).rows as {
      id: string;
    }[];
    return { openid, token: body.token, id: row!.id };
  };
  type User = Awaited<ReturnType<typeof login>>;
  const inviteOf = async (user: User) => (await call<MyInvite>(user.token, 'GET', '/api/v1/campaigns/me/invite')).body;
  const codeOf = async (user: User) => (await inviteOf(user)).inviteCode;
  const act = (user: User, headers: Record<string, string> = {}) =>
    call<{ outcomes: { campaignId: string; ruleIndex: number; outcome: string }[] }>(
      user.token,
      'POST',
      '/api/v1/campaigns/actions',
      { action: 'friend_read_terms', product: 'FD120' },
      headers,
    );
  const outcomeIn = async (campaignId: string, user: User, headers: Record<string, string> = {}) => {
    const result = await act(user, headers);
    expect(result.status).toBe(200);
    return result.body.outcomes.find((o) => o.campaignId === campaignId)?.outcome;
  };
  const create = async (overrides: Partial<CampaignDefinitionInput> = {}) => {
    const created = await call<StaffCampaign>(marketing, 'POST', '/api/v1/staff/campaigns', definition(overrides));
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const publish = async (overrides: Partial<CampaignDefinitionInput> = {}): Promise<string> => {
    const id = await create(overrides);
    const submitted = await call<StaffCampaign>(marketing, 'POST', `/api/v1/staff/campaigns/${id}/submit`);
    expect([submitted.status, submitted.body.status]).toEqual([200, 'in_review']);
    expect(
      (
        await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${id}/review`, {
          decision: 'approve',
          reason: '合规检查通过',
        })
      ).body.status,
    ).toBe('published');
    return id;
  };
  const end = async (id: string) =>
    expect((await call<StaffCampaign>(admin, 'POST', `/api/v1/staff/campaigns/${id}/end`)).body.status).toBe('ended');
  const waitFor = async (what: string, check: () => Promise<boolean>, ms = 90_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    for (const [username, role] of [
      ['mkt-engine', 'marketing'],
      ['sup-engine', 'support'],
    ] as const) {
      await testApp.db.query(
        `INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ($1, $1, ARRAY[$2]::varchar(16)[], $3)`,
        [username, role, await hashStaffPassword('engine-pass')],
      );
    }
    admin = await staffLogin('dev-admin', 'xiaoan-dev-staff');
    marketing = await staffLogin('mkt-engine', 'engine-pass');
    support = await staffLogin('sup-engine', 'engine-pass');
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('refuses a helper campaign with no stated helper count, a random result or a purchase as the help, naming the rule', async () => {
    const cases: [Partial<CampaignDefinitionInput>, string, string][] = [
      [
        {
          rulesText: HELPER_RULES,
          rewardRules: [
            { trigger: 'helpers_reached', helperAction: 'friend_read_terms', reward: { kind: 'cash', amountFen: 800 } },
          ],
        },
        'HELPER_UNSTATED',
        'rewardRules[0].helperCount',
      ],
      [
        {
          rulesText: HELPER_RULES,
          rewardRules: [
            {
              trigger: 'helpers_reached',
              helperCount: 3,
              helperAction: 'friend_read_terms',
              reward: { kind: 'random_cash' },
            },
          ],
        },
        'RANDOM_REWARD',
        'rewardRules[0].reward.kind',
      ],
      [
        {
          rulesText: `${HELPER_RULES}每位好友随机砍一刀。`,
          rewardRules: [
            {
              trigger: 'helpers_reached',
              helperCount: 3,
              helperAction: 'friend_read_terms',
              reward: { kind: 'cash', amountFen: 800 },
            },
          ],
        },
        'RANDOM_REWARD',
        'rulesText',
      ],
      [
        {
          rulesText: HELPER_RULES,
          rewardRules: [
            {
              trigger: 'helpers_reached',
              helperCount: 3,
              helperAction: 'friend_purchase',
              reward: { kind: 'cash', amountFen: 800 },
            },
          ],
        },
        'PURCHASE_TRIGGER',
        'rewardRules[0].helperAction',
      ],
      [
        {
          rulesText: HELPER_RULES,
          rewardRules: [{ trigger: 'helpers_reached', helperCount: 3, reward: { kind: 'cash', amountFen: 800 } }],
        },
        'HELPER_UNSTATED',
        'rewardRules[0].helperAction',
      ],
    ];
    for (const [overrides, code, field] of cases) {
      const id = await create(overrides);
      const refused = await call(marketing, 'POST', `/api/v1/staff/campaigns/${id}/submit`);
      expect([refused.status, refused.body.code]).toEqual([422, 'CAMPAIGN_NOT_COMPLIANT']);
      const violations = (refused.body.details as { violations: { code: string; field: string }[] }).violations;
      expect(violations).toEqual(expect.arrayContaining([expect.objectContaining({ code, field })]));
      expect((await call<StaffCampaign>(marketing, 'GET', `/api/v1/staff/campaigns/${id}`)).body.status).toBe('draft');
    }
  });

  it('助力: each new friend’s own qualifying action is one help; at the stated 3 the sharer gets the fixed 8元 once; a purchase, a repeat or a stranger counts nothing', async () => {
    const campaignId = await publish({
      rulesText: HELPER_RULES,
      rewardRules: [
        {
          trigger: 'helpers_reached',
          helperCount: 3,
          helperAction: 'friend_read_terms',
          reward: { kind: 'cash', amountFen: 800 },
        },
      ],
    });
    const sharer = await login();
    const code = await codeOf(sharer);
    const progress = async () =>
      (await call<MyHelperProgress>(sharer.token, 'GET', '/api/v1/campaigns/me/helpers')).body.items.find(
        (i) => i.campaignId === campaignId,
      );
    expect(await progress()).toEqual({ campaignId, ruleIndex: 0, helperCount: 3, helped: 0, rewarded: false });

    // A friend who only buys a policy helps nothing.
    const buyer = await login({ inviteCode: code });
    const asBuyer = await newCustomer(testApp, buyer.openid);
    const order = await asBuyer.order(await asBuyer.quote());
    expect(order.status).toBe(201);
    asBuyer.pay(order.body);
    await asBuyer.waitForOrder(order.body.id, ['issued']);
    expect((await progress())!.helped).toBe(0);

    // A user who did not come through the sharer's code helps nothing.
    const stranger = await login();
    expect(await outcomeIn(campaignId, stranger)).toBeUndefined();

    const first = await login({ inviteCode: code });
    expect(await outcomeIn(campaignId, first)).toBe('helped');
    expect(await outcomeIn(campaignId, first)).toBe('already_helped');
    expect(await outcomeIn(campaignId, buyer)).toBe('helped');
    expect(await progress()).toMatchObject({ helped: 2, rewarded: false });
    expect((await call<MyInvitesResponse>(sharer.token, 'GET', '/api/v1/campaigns/me/invites')).body.rewards).toEqual(
      [],
    );

    const third = await login({ inviteCode: code });
    expect(await outcomeIn(campaignId, third)).toBe('granted');
    expect(await progress()).toEqual({ campaignId, ruleIndex: 0, helperCount: 3, helped: 3, rewarded: true });
    // A fourth helper changes nothing: the result is fixed and given once.
    const fourth = await login({ inviteCode: code });
    expect(await outcomeIn(campaignId, fourth)).toBe('already_granted');
    const rewards = (
      await call<MyInvitesResponse>(sharer.token, 'GET', '/api/v1/campaigns/me/invites')
    ).body.rewards.filter((r) => r.campaignId === campaignId);
    expect(rewards).toEqual([expect.objectContaining({ kind: 'cash', amountFen: 800 })]);
    // Helpers are never paid for helping.
    for (const helper of [first, buyer, third, fourth])
      expect((await call<MyInvitesResponse>(helper.token, 'GET', '/api/v1/campaigns/me/invites')).body.rewards).toEqual(
        [],
      );
    const spent = await testApp.db.query(`SELECT spent_fen::int FROM campaigns WHERE id = $1`, [campaignId]);
    expect(spent.rows[0]).toEqual({ spent_fen: 800 });
    await end(campaignId);
  });

  it('助力 with a risky helper (rank 4) sends the sharer’s result to the review queue', async () => {
    const campaignId = await publish({
      rulesText: HELPER_RULES.replace('3位', '2位'),
      rewardRules: [
        {
          trigger: 'helpers_reached',
          helperCount: 2,
          helperAction: 'friend_read_terms',
          reward: { kind: 'cash', amountFen: 800 },
        },
      ],
    });
    const sharer = await login();
    const code = await codeOf(sharer);
    expect(await outcomeIn(campaignId, await login({ inviteCode: code, riskRank: 4 }))).toBe('helped');
    expect(await outcomeIn(campaignId, await login({ inviteCode: code, riskRank: 0 }))).toBe('review');
    await end(campaignId);
  });

  it('caps per device and per ID number, per day and per whole campaign, each configurable; refusals spend no budget', async () => {
    // Per device per day: 2. The friends' device id comes in the x-device-id header.
    const byDevice = await publish({ caps: { ...definition().caps!, perDevicePerDay: 2 } });
    const device = { 'x-device-id': `dev_${randomUUID().slice(0, 12)}` };
    const ann = await login();
    const annCode = await codeOf(ann);
    const deviceOutcomes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i += 1)
      deviceOutcomes.push(await outcomeIn(byDevice, await login({ inviteCode: annCode }), device));
    expect(deviceOutcomes).toEqual(['granted', 'granted', 'cap_device']);
    // Another device is not capped; a malformed device id is refused with no change.
    expect(
      await outcomeIn(byDevice, await login({ inviteCode: annCode }), {
        'x-device-id': `dev_${randomUUID().slice(0, 12)}`,
      }),
    ).toBe('granted');
    const malformed = await act(await login({ inviteCode: annCode }), { 'x-device-id': 'bad id!' });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await testApp.db.query(`SELECT spent_fen::int FROM campaigns WHERE id = $1`, [byDevice])).rows[0]).toEqual({
      spent_fen: 1500,
    });
    await end(byDevice);

    // Per user per whole campaign: 2 (the daily cap is higher).
    const byUserTotal = await publish({ caps: { ...definition().caps!, perUserPerDay: 50, perUserPerCampaign: 2 } });
    const bea = await login();
    const beaCode = await codeOf(bea);
    const totalOutcomes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i += 1)
      totalOutcomes.push(await outcomeIn(byUserTotal, await login({ inviteCode: beaCode })));
    expect(totalOutcomes).toEqual(['granted', 'granted', 'cap_user']);
    await end(byUserTotal);

    // Per ID number: two WeChat accounts that entered the same ID number share one allowance of 1 a day.
    const byId = await publish({ caps: { ...definition().caps!, perIdNumberPerDay: 1 } });
    const idNumber = makeIdNumber();
    const accounts = [await login(), await login()];
    for (const [i, account] of accounts.entries()) {
      const asCustomer = await newCustomer(testApp, account.openid);
      const order = await asCustomer.order(await asCustomer.quote({ flightDate: beijingDateIn(5 + i) }), { idNumber });
      expect(order.status).toBe(201);
    }
    const idOutcomes: (string | undefined)[] = [];
    for (const account of accounts)
      idOutcomes.push(await outcomeIn(byId, await login({ inviteCode: await codeOf(account) })));
    expect(idOutcomes).toEqual(['granted', 'cap_id_number']);
    // Nothing of the ID number itself is kept in the counters, only its blind index.
    const keys = (
      await testApp.db.query(
        `SELECT cap_key FROM campaign_cap_counters WHERE campaign_id = $1 AND cap_key LIKE 'id:%'`,
        [byId],
      )
    ).rows as { cap_key: string }[];
    expect(keys.length).toBeGreaterThan(0);
    for (const { cap_key } of keys) expect(cap_key).not.toContain(idNumber);
    expect((await testApp.db.query(`SELECT spent_fen::int FROM campaigns WHERE id = $1`, [byId])).rows[0]).toEqual({
      spent_fen: 500,
    });
    await end(byId);
  });

  it('the invite poster is a PNG with the mini-program code for scene ic=CODE, made ahead of time and served from the cache; the H5 link carries the same code', async () => {
    const alice = await login();
    const invite = await inviteOf(alice);
    expect(invite.sharePath).toBe(`/pages/home/index?ic=${invite.inviteCode}`);
    expect(invite.h5Link).toMatch(new RegExp(`^https?://[^/]+/#/pages/home/index\\?ic=${invite.inviteCode}$`));
    expect(invite.posterUrl).toMatch(new RegExp(`/api/v1/campaigns/posters/${invite.inviteCode}\\.png$`));

    // Made by the job queued with the new code, before anyone asks for it.
    await waitFor(
      'the poster job',
      async () =>
        (await testApp.db.query(`SELECT 1 FROM invite_posters WHERE invite_code = $1`, [invite.inviteCode])).rows
          .length === 1,
    );
    const [stored] = (
      await testApp.db.query(`SELECT scene, page, code_png FROM invite_posters WHERE invite_code = $1`, [
        invite.inviteCode,
      ])
    ).rows as { scene: string; page: string; code_png: Buffer }[];
    expect(stored).toMatchObject({ scene: `ic=${invite.inviteCode}`, page: 'pages/home/index' });
    expect(stored!.scene.length).toBeLessThanOrEqual(32);
    // The code the simulator drew is the QR of page?scene=… (what WeChat's code would open).
    const expected = await QRCode.toBuffer(`pages/home/index?scene=${encodeURIComponent(`ic=${invite.inviteCode}`)}`, {
      width: 430,
      errorCorrectionLevel: 'M',
      margin: 1,
    });
    expect(stored!.code_png.equals(expected)).toBe(true);

    try {
      // WeChat failing now changes nothing: views never fetch a code.
      testApp.sim.faults.set('wx.wxacode_unlimit', { kind: 'system_error' }, { times: 100 });
      const path = new URL(invite.posterUrl!).pathname;
      const poster = await call(null, 'GET', path);
      expect(poster.status).toBe(200);
      expect(poster.headers.get('content-type')).toBe('image/png');
      const png = PNG.sync.read(poster.raw);
      expect([png.width, png.height]).toEqual([750, 1100]);
      // The code sits inside the poster: the centre pixel row crosses dark QR modules.
      const code = PNG.sync.read(stored!.code_png);
      const x0 = Math.floor((750 - code.width) / 2);
      let matching = 0;
      for (let y = 0; y < code.height; y += 7)
        for (let x = 0; x < code.width; x += 7) {
          const p = (png.width * (y + Math.floor((1100 - code.height - 160) / 2) + 60) + x0 + x) << 2;
          const c = (code.width * y + x) << 2;
          if (png.data[p] === code.data[c]) matching += 1;
        }
      expect(matching).toBe(Math.ceil(code.height / 7) * Math.ceil(code.width / 7));
      // Anything but a known code's poster: 404, nothing made.
      expect((await call(null, 'GET', '/api/v1/campaigns/posters/ZZZZZZZZ.png')).body.code).toBe(
        'CAMPAIGN_POSTER_NOT_FOUND',
      );
      expect(
        (await call(null, 'GET', `/api/v1/campaigns/posters/${invite.inviteCode.toLowerCase()}.png`)).body.code,
      ).toBe('CAMPAIGN_POSTER_NOT_FOUND');
      expect((await call(null, 'GET', '/api/v1/campaigns/posters/..%2F..%2Fetc.png')).status).toBe(404);
    } finally {
      testApp.sim.faults.clear();
    }
  });

  it('records card opens and shows the funnel, cost against budget per day, top sharers and K-factor to marketing and admin, as JSON and CSV', async () => {
    const campaignId = await publish({ budgetFen: 50_000 });
    const sharer = await login();
    const code = await codeOf(sharer);
    // 4 opens of the sharer's card for this campaign (the mini-program reports them); a bad code is refused.
    for (let i = 0; i < 4; i += 1)
      expect(
        (
          await call(null, 'POST', '/api/v1/campaigns/card-opens', {
            inviteCode: code,
            sharePath: sharePath(code, campaignId),
            scene: 1007,
          })
        ).status,
      ).toBe(204);
    expect((await call(null, 'POST', '/api/v1/campaigns/card-opens', { inviteCode: 'nope' })).status).toBe(400);
    const friends = [await login({ inviteCode: code, campaignId }), await login({ inviteCode: code, campaignId })];
    expect(await outcomeIn(campaignId, friends[0]!)).toBe('granted');
    expect(await outcomeIn(campaignId, friends[1]!)).toBe('granted');
    // One is paid.
    const [reward] = (
      await call<MyInvitesResponse>(sharer.token, 'GET', '/api/v1/campaigns/me/invites')
    ).body.rewards.filter((r) => r.campaignId === campaignId);
    const collected = await call<{ package: string }>(
      sharer.token,
      'POST',
      `/api/v1/campaigns/rewards/${reward!.id}/collect`,
    );
    expect(collected.status).toBe(200);
    testApp.sim.confirmTransfer({ package: collected.body.package, openid: sharer.openid });
    await waitFor(
      'the reward paid',
      async () =>
        (await testApp.db.query(`SELECT status FROM campaign_rewards WHERE id = $1`, [reward!.id])).rows[0].status ===
        'paid',
    );

    const before = await call<CampaignAnalytics>(marketing, 'GET', `/api/v1/staff/campaigns/${campaignId}/analytics`);
    expect(before.status).toBe(200);
    const a = before.body;
    // Every step is this campaign's own (its card's opens and bindings, its rewards): other tests' users never count.
    expect(a.funnel).toEqual({ cardOpens: 4, newUsersBound: 2, qualifiedActions: 2, rewardsGranted: 2, paid: 1 });
    expect(a.costByDay).toEqual([expect.objectContaining({ costFen: 1000, cumulativeFen: 1000, budgetFen: 50_000 })]);
    expect(a.spentFen).toBe(1000);
    const top = a.topSharers.find((t) => t.sharer === `微信用户${sharer.openid.slice(-4)}`);
    expect(top).toEqual({
      sharer: `微信用户${sharer.openid.slice(-4)}`,
      opens: 4,
      invites: 2,
      rewards: 2,
      rewardFen: 1000,
    });
    expect(JSON.stringify(a)).not.toContain(sharer.openid);
    // One sharer, 4 opens, 2 bound: K = 4 × 0.5.
    expect(a.kFactor).toEqual({ sharers: 1, invitesPerSharer: 4, conversion: 0.5, k: 2 });

    // More opens of its card move the first step by exactly that many; an open of a card from
    // outside the campaign (no cid) does not.
    await call(null, 'POST', '/api/v1/campaigns/card-opens', {
      inviteCode: code,
      sharePath: sharePath(code, campaignId),
    });
    await call(null, 'POST', '/api/v1/campaigns/card-opens', { inviteCode: code, sharePath: sharePath(code) });
    const after = await call<CampaignAnalytics>(admin, 'GET', `/api/v1/staff/campaigns/${campaignId}/analytics`);
    expect(after.body.funnel.cardOpens).toBe(a.funnel.cardOpens + 1);

    const csv = await call(marketing, 'GET', `/api/v1/staff/campaigns/${campaignId}/analytics.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const text = csv.raw.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`发放奖励,2`);
    expect(text).toContain(`已到账,1`);
    // One more open was reported after the JSON read above: 5 now.
    expect(text).toContain(`微信用户${sharer.openid.slice(-4)},5,2,2,10.00`);

    expect((await call(support, 'GET', `/api/v1/staff/campaigns/${campaignId}/analytics`)).body.code).toBe(
      'STAFF_ROLE_FORBIDDEN',
    );
    expect((await call(marketing, 'GET', `/api/v1/staff/campaigns/not-a-uuid/analytics`)).body.code).toBe(
      'CAMPAIGN_NOT_FOUND',
    );
    const audit = await testApp.db.query(
      `SELECT action FROM staff_audit_log WHERE resource_id = $1 AND action LIKE 'campaign_analytics%' ORDER BY id`,
      [campaignId],
    );
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual([
      'campaign_analytics_read',
      'campaign_analytics_read',
      'campaign_analytics_export',
    ]);
    await end(campaignId);
  });

  it('attributes each step to its own campaign when two campaigns run at the same time (JSON and CSV)', async () => {
    const REMINDER_RULES =
      '活动时间内，您邀请的新朋友首次登录小安保险并开启理赔提醒后，您可获得3元现金红包。每人每天有上限，红包在观察期后可领取。奖励与是否购买保险无关。';
    // A: reading terms pays 5元; B, inside A's window: turning on claim reminders pays 3元.
    const a = await publish({ name: `同期活动A ${randomUUID().slice(0, 4)}`, budgetFen: 50_000 });
    const b = await publish({
      name: `同期活动B ${randomUUID().slice(0, 4)}`,
      startsAt: new Date(Date.now() - 1800_000).toISOString(),
      endsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      budgetFen: 30_000,
      rulesText: REMINDER_RULES,
      rewardRules: [
        {
          trigger: 'friend_enable_claim_reminders',
          beneficiary: 'inviter',
          reward: { kind: 'cash', amountFen: 300 },
        },
      ],
    });
    const draft = await create({ name: `未发布 ${randomUUID().slice(0, 4)}` });
    const open = async (code: string, path: string) =>
      expect(
        (await call(null, 'POST', '/api/v1/campaigns/card-opens', { inviteCode: code, sharePath: path, scene: 1007 }))
          .status,
      ).toBe(204);
    const remindersOn = async (user: User) =>
      expect(
        (
          await call(user.token, 'POST', '/api/v1/me/subscriptions', {
            templateId: 'TPL_CLAIM_APPROVED',
            result: 'accept',
          })
        ).status,
      ).toBeLessThan(300);

    // Ann shares A's card (5 opens) and once B's; Bo shares B's card (3 opens). Cards from outside
    // any campaign, or naming a campaign never published, count in neither.
    const ann = await login();
    const bo = await login();
    const annCode = await codeOf(ann);
    const boCode = await codeOf(bo);
    for (let i = 0; i < 5; i += 1) await open(annCode, sharePath(annCode, a));
    await open(annCode, sharePath(annCode, b));
    for (let i = 0; i < 3; i += 1) await open(boCode, sharePath(boCode, b));
    await open(annCode, sharePath(annCode));
    await open(annCode, sharePath(annCode, draft));
    // A QR code's scene may carry the campaign too.
    await open(boCode, `/pages/home/index?scene=${encodeURIComponent(`ic=${boCode}&cid=${b}`)}`);

    // Bound: 3 friends through Ann's A card, 1 through her B card, 2 through Bo's B card, 1 through a card of no campaign.
    const aFriends = [];
    for (let i = 0; i < 3; i += 1) aFriends.push(await login({ inviteCode: annCode, campaignId: a }));
    await login({ inviteCode: annCode, campaignId: b });
    const boFriends = [
      await login({ inviteCode: boCode, campaignId: b }),
      await login({ inviteCode: boCode, campaignId: b }),
    ];
    await login({ inviteCode: annCode });
    const attributed = await testApp.db.query(
      `SELECT campaign_id::text AS campaign, count(*)::int AS n FROM invite_bindings WHERE inviter_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 2 DESC, 1`,
      [[ann.id, bo.id]],
    );
    expect(attributed.rows).toHaveLength(3);
    expect(attributed.rows).toEqual(
      expect.arrayContaining([
        { campaign: a, n: 3 },
        { campaign: b, n: 3 },
        { campaign: null, n: 1 },
      ]),
    );

    // Qualifying actions: two of A's friends read terms (A pays Ann twice); Bo's two friends turn on
    // reminders (B pays Bo twice). Ann's B friend and A's third friend do nothing.
    expect(await outcomeIn(a, aFriends[0]!)).toBe('granted');
    expect(await outcomeIn(a, aFriends[1]!)).toBe('granted');
    for (const friend of boFriends) {
      await remindersOn(friend);
      const acted = await call<{ outcomes: { campaignId: string; outcome: string }[] }>(
        friend.token,
        'POST',
        '/api/v1/campaigns/actions',
        { action: 'friend_enable_claim_reminders' },
      );
      expect(acted.status).toBe(200);
      expect(acted.body.outcomes).toEqual([expect.objectContaining({ campaignId: b, outcome: 'granted' })]);
    }
    // One of A's rewards is paid.
    const [annReward] = (
      await call<MyInvitesResponse>(ann.token, 'GET', '/api/v1/campaigns/me/invites')
    ).body.rewards.filter((r) => r.campaignId === a);
    const collected = await call<{ package: string }>(
      ann.token,
      'POST',
      `/api/v1/campaigns/rewards/${annReward!.id}/collect`,
    );
    expect(collected.status).toBe(200);
    testApp.sim.confirmTransfer({ package: collected.body.package, openid: ann.openid });
    await waitFor(
      'A’s reward paid',
      async () =>
        (await testApp.db.query(`SELECT status FROM campaign_rewards WHERE id = $1`, [annReward!.id])).rows[0]
          .status === 'paid',
    );

    const masked = (user: User) => `微信用户${user.openid.slice(-4)}`;
    const ofA = (await call<CampaignAnalytics>(marketing, 'GET', `/api/v1/staff/campaigns/${a}/analytics`)).body;
    const ofB = (await call<CampaignAnalytics>(marketing, 'GET', `/api/v1/staff/campaigns/${b}/analytics`)).body;
    expect(ofA.funnel).toEqual({ cardOpens: 5, newUsersBound: 3, qualifiedActions: 2, rewardsGranted: 2, paid: 1 });
    expect(ofB.funnel).toEqual({ cardOpens: 5, newUsersBound: 3, qualifiedActions: 2, rewardsGranted: 2, paid: 0 });
    expect(ofA.costByDay).toEqual([expect.objectContaining({ costFen: 1000, cumulativeFen: 1000, budgetFen: 50_000 })]);
    expect(ofB.costByDay).toEqual([expect.objectContaining({ costFen: 600, cumulativeFen: 600, budgetFen: 30_000 })]);
    expect(ofA.topSharers).toEqual([{ sharer: masked(ann), opens: 5, invites: 3, rewards: 2, rewardFen: 1000 }]);
    expect(ofB.topSharers).toEqual([
      { sharer: masked(bo), opens: 4, invites: 2, rewards: 2, rewardFen: 600 },
      { sharer: masked(ann), opens: 1, invites: 1, rewards: 0, rewardFen: 0 },
    ]);
    // A: 1 sharer, 5 opens, 3 bound → 5 × 0.6. B: 2 sharers, 5 opens, 3 bound → 2.5 × 0.6.
    expect(ofA.kFactor).toEqual({ sharers: 1, invitesPerSharer: 5, conversion: 0.6, k: 3 });
    expect(ofB.kFactor).toEqual({ sharers: 2, invitesPerSharer: 2.5, conversion: 0.6, k: 1.5 });
    const ofDraft = (await call<CampaignAnalytics>(marketing, 'GET', `/api/v1/staff/campaigns/${draft}/analytics`))
      .body;
    expect(ofDraft.funnel).toEqual({ cardOpens: 0, newUsersBound: 0, qualifiedActions: 0, rewardsGranted: 0, paid: 0 });

    // The CSV carries the same figures, each campaign its own.
    const csvOf = async (id: string) => {
      const csv = await call(marketing, 'GET', `/api/v1/staff/campaigns/${id}/analytics.csv`);
      expect(csv.status).toBe(200);
      return csv.raw.toString('utf8').split('\r\n');
    };
    const csvA = await csvOf(a);
    const csvB = await csvOf(b);
    for (const [rows, f] of [
      [csvA, ofA],
      [csvB, ofB],
    ] as const) {
      expect(rows).toEqual(
        expect.arrayContaining([
          `卡片打开,${f.funnel.cardOpens}`,
          `新用户绑定,${f.funnel.newUsersBound}`,
          `完成任务,${f.funnel.qualifiedActions}`,
          `发放奖励,${f.funnel.rewardsGranted}`,
          `已到账,${f.funnel.paid}`,
          `${f.kFactor.sharers},${f.kFactor.invitesPerSharer},${f.kFactor.conversion},${f.kFactor.k}`,
        ]),
      );
    }
    expect(csvA).toContain(`${masked(ann)},5,3,2,10.00`);
    expect(csvA.join('\n')).not.toContain(masked(bo));
    expect(csvB).toEqual(expect.arrayContaining([`${masked(bo)},4,2,2,6.00`, `${masked(ann)},1,1,0,0.00`]));
    expect(csvA).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{4}-\d{2}-\d{2},10\.00,10\.00,500\.00$/)]));
    expect(csvB).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{4}-\d{2}-\d{2},6\.00,6\.00,300\.00$/)]));
    await end(a);
    await end(b);
  });
});
