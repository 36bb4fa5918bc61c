import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { spawnBff, type SpawnedBff } from '../../bench/support/spawn-bff.js';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { findFreePort } from '../../src/core/net/free-port.js';
import { waitFor } from '../e2e/claims.fixtures.js';

const INVITERS = 8;
const AMOUNT_FEN = 500;
const RULES =
  '活动时间内，您邀请的新朋友首次登录并阅读任一产品的保险条款后，您可获得5元现金红包。奖励与是否购买保险无关。';

/**
 * The campaign reward's transfer bill (marketing scene 1000) under the same kill -9 machinery as
 * claim payouts: the compiled BFF in its own process, killed hard while rewards are being
 * collected and right after the users confirm, with WeChat failing creates meanwhile. The
 * simulator's ledger is the judge: one bill per reward, paid exactly once.
 */
describe('crash safety: campaign reward bills across kill -9 and WeChat faults', () => {
  let sim: RunningSimulator;
  let db: pg.Client;
  let port: number;
  let baseUrl: string;
  let bff: SpawnedBff | undefined;

  const start = async (): Promise<void> => {
    bff = await spawnBff({
      sim,
      databaseUrl: process.env.DATABASE_URL!,
      port,
      env: { LOGIN_LIMIT_PER_IP: '100000' },
      startTimeoutMs: 60_000,
    });
  };
  /** SIGKILL: no shutdown hooks, no graceful anything. */
  const killHard = async (): Promise<void> => {
    const child = bff;
    bff = undefined;
    await child?.stop('SIGKILL');
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const api = async <T>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T & { code?: string } }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T & { code?: string } };
  };
  const login = async (inviteCode?: string): Promise<{ token: string; openid: string }> => {
    const { code, openid } = sim.mintLoginCode({ openid: `oCrashCamp${randomBytes(8).toString('hex')}` });
    const response = await fetch(`${baseUrl}/api/v1/auth/wechat-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, ...(inviteCode ? { inviteCode } : {}) }),
    });
    if (response.status !== 200) throw new Error(`login ${response.status}`);
    return { token: ((await response.json()) as { token: string }).token, openid };
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 3600 });
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await killHard();
    await db.end();
    await sim.close();
  });

  it('pays every reward exactly once, as one scene-1000 bill, across hard kills and failed creates', async () => {
    await start();
    const definition = {
      name: `崩溃测试活动${randomBytes(2).toString('hex')}`,
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      budgetFen: INVITERS * AMOUNT_FEN,
      rulesText: RULES,
      shareCard: { title: '看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
      rewardRules: [
        { trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: AMOUNT_FEN } },
      ],
      caps: {
        perUserPerDay: 100,
        perIpPerDay: 100_000,
        perCampaignPerDay: 100_000,
        perUserPerCampaign: 100,
        perIpPerCampaign: 100_000,
      },
      pendingDays: 0,
    };
    const {
      rows: [campaign],
    } = await db.query<{ id: string }>(
      `INSERT INTO campaigns (status, version, published_version, definition, budget_fen, starts_at, ends_at, created_by, updated_by)
       VALUES ('published', 1, 1, $1, $2, $3, $4, 'crash-test', 'crash-test') RETURNING id::text`,
      [JSON.stringify(definition), definition.budgetFen, definition.startsAt, definition.endsAt],
    );
    await db.query(
      `INSERT INTO campaign_versions (campaign_id, version, definition, submitted_by, approved_by) VALUES ($1, 1, $2, 'crash-test', 'crash-test')`,
      [campaign!.id, JSON.stringify(definition)],
    );
    // Other suites' campaigns may be live in this database too: this test judges its own campaign's rewards only.
    const inviters: { token: string; openid: string; rewardId?: string }[] = [];
    for (let i = 0; i < INVITERS; i += 1) {
      const inviter = await login();
      const { body } = await api<{ inviteCode: string }>(inviter.token, 'GET', '/api/v1/campaigns/me/invite');
      const friend = await login(body.inviteCode);
      const acted = await api<{ outcomes: { campaignId: string; outcome: string }[] }>(
        friend.token,
        'POST',
        '/api/v1/campaigns/actions',
        { action: 'friend_read_terms', product: 'FD120' },
      );
      expect(acted.body.outcomes.find((o) => o.campaignId === campaign!.id)?.outcome).toBe('granted');
      const mine = await api<{ rewards: { id: string; campaignId: string }[] }>(
        inviter.token,
        'GET',
        '/api/v1/campaigns/me/invites',
      );
      inviters.push({ ...inviter, rewardId: mine.body.rewards.find((r) => r.campaignId === campaign!.id)!.id });
    }
    const collect = (inviter: (typeof inviters)[number]) =>
      api<{ package: string }>(inviter.token, 'POST', `/api/v1/campaigns/rewards/${inviter.rewardId}/collect`);

    // Kill 1: in the middle of everybody collecting, while WeChat fails some creates.
    sim.faults.set('transfer.create', { kind: 'system_error' }, { times: 3 });
    const collecting = Promise.all(inviters.map((inviter) => collect(inviter).catch(() => undefined)));
    await sleep(30 + Math.random() * 40);
    await killHard();
    await collecting;
    await start();

    // Everyone taps again until WeChat answers (the same bill number each time), then confirms.
    const packages: string[] = [];
    for (const inviter of inviters) {
      let answer = await collect(inviter);
      for (let i = 0; i < 10 && answer.status !== 200; i += 1) {
        expect(answer.body.code).toBe('PAYOUT_BUSY');
        await sleep(300);
        answer = await collect(inviter);
      }
      expect(answer.status).toBe(200);
      packages.push(answer.body.package);
    }
    sim.faults.clear();
    // Kill 2: right after the confirmations: the notifications meet a dead BFF and are retried on WeChat's schedule.
    inviters.forEach((inviter, i) => sim.confirmTransfer({ package: packages[i]!, openid: inviter.openid }));
    await killHard();
    await sleep(200);
    await start();
    await waitFor(
      () => `every reward paid (the BFF's stderr: ${bff?.output().slice(-500) || 'nothing'})`,
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM campaign_rewards WHERE campaign_id = $1 AND status = 'paid'`, [
            campaign!.id,
          ])
        ).rows[0].n === INVITERS,
      90_000,
    );
    // Kill 3, then a last look: nothing moves backwards, nothing is paid again.
    await killHard();
    await start();
    expect((await collect(inviters[0]!)).body.code).toBe('CAMPAIGN_REWARD_NOT_COLLECTABLE');

    const { rows: bills } = await db.query<{ reward_id: string; out_bill_no: string; state: string }>(
      `SELECT b.reward_id::text, b.out_bill_no, b.state FROM campaign_reward_bills b JOIN campaign_rewards r ON r.id = b.reward_id WHERE r.campaign_id = $1`,
      [campaign!.id],
    );
    expect(bills).toHaveLength(INVITERS);
    const ledger = sim.ledger.of('transfer');
    for (const bill of bills) {
      // One bill per reward (none failed, so no second attempt was ever opened), paid once, in the marketing scene.
      expect(bill.out_bill_no).toMatch(/^CR[0-9A-F]{24}A1$/);
      expect(bill.state).toBe('SUCCESS');
      const mine = ledger.filter((entry) => entry.outBillNo === bill.out_bill_no);
      expect(mine.filter((entry) => entry.state === 'SUCCESS')).toHaveLength(1);
      expect(new Set(mine.map((entry) => entry.sceneId))).toEqual(new Set(['1000']));
    }
    const paid = ledger.filter(
      (entry) => entry.state === 'SUCCESS' && bills.some((b) => b.out_bill_no === entry.outBillNo),
    );
    expect(paid.reduce((sum, entry) => sum + entry.amount, 0)).toBe(INVITERS * AMOUNT_FEN);
    expect(new Set(paid.map((entry) => entry.openid))).toEqual(new Set(inviters.map((inviter) => inviter.openid)));
  }, 300_000);
});
