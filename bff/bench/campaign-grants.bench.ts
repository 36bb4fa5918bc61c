/**
 * Issue #12 benchmark: many concurrent qualifying actions (invited friends reading a product's
 * terms) contending on ONE campaign's budget, against the compiled BFF in its own process.
 * Each action asks WeChat's getuserriskrank (the simulator), then in one transaction inserts the
 * reward row, counts the caps and takes the budget with one guarded UPDATE of the campaign row —
 * the row every grant must pass through.
 *   BENCH campaign_grants_per_s            rewards granted per second during the burst
 *   BENCH campaign_action_p50_ms / p99_ms  one action's answer time in the burst
 *   BENCH campaign_budget_overspend_fen    spent − budget after the burst (must be 0: never exceeded)
 * The budget covers BENCH_CAMPAIGN_REWARDS rewards for BENCH_CAMPAIGN_ACTIONS actions, so the
 * budget runs out mid-burst; afterwards the bench checks (not assumes) that exactly that many
 * rewards exist, that spent equals their sum and never exceeds the budget.
 * Env: BENCH_CAMPAIGN_ACTIONS (1000), BENCH_CAMPAIGN_REWARDS (600), BENCH_CAMPAIGN_CONCURRENCY (200 in flight).
 */
import { randomBytes } from 'node:crypto';
import { bench, percentile, printMachine, startBenchStack } from './support/bench-stack.js';

const ACTIONS = Number(process.env.BENCH_CAMPAIGN_ACTIONS ?? 1000);
const REWARDS = Number(process.env.BENCH_CAMPAIGN_REWARDS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CAMPAIGN_CONCURRENCY ?? 200);
const INVITERS = 20;
const AMOUNT_FEN = 500;
const RULES =
  '活动时间内，您邀请的新朋友首次登录并阅读任一产品的保险条款后，您可获得5元现金红包。奖励与是否购买保险无关。';

const main = async () => {
  const { loadavg } = await import('node:os');
  printMachine(
    `campaign-grants benchmark: ${ACTIONS} qualifying actions, ${CONCURRENCY} in flight, on one campaign whose budget covers ${REWARDS}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const stack = await startBenchStack({ instances: 1 });
  try {
    const url = stack.bffUrls[0]!;
    const post = async <T>(path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
    };
    const login = async (inviteCode?: string): Promise<string> => {
      const { code } = stack.sim.mintLoginCode({ openid: `oBenchCamp${randomBytes(10).toString('hex')}` });
      const answer = await post<{ token: string }>('/api/v1/auth/wechat-login', {
        code,
        ...(inviteCode ? { inviteCode } : {}),
      });
      if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.token;
    };

    // One published campaign (its archived version is what the engine reads), caps out of the way.
    const definition = {
      name: '基准测试活动',
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      budgetFen: REWARDS * AMOUNT_FEN,
      rulesText: RULES,
      shareCard: { title: '看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
      rewardRules: [
        { trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: AMOUNT_FEN } },
      ],
      caps: {
        perUserPerDay: 100_000,
        perUserPerCampaign: 100_000,
        perIpPerDay: 100_000,
        perIpPerCampaign: 100_000,
        perDevicePerDay: 100_000,
        perDevicePerCampaign: 100_000,
        perIdNumberPerDay: 100_000,
        perIdNumberPerCampaign: 100_000,
        perCampaignPerDay: 1_000_000,
      },
      pendingDays: 3,
    };
    const {
      rows: [campaign],
    } = await stack.db.query<{ id: string }>(
      `INSERT INTO campaigns (status, version, published_version, definition, budget_fen, starts_at, ends_at, created_by, updated_by)
       VALUES ('published', 1, 1, $1, $2, $3, $4, 'bench', 'bench') RETURNING id::text`,
      [JSON.stringify(definition), definition.budgetFen, definition.startsAt, definition.endsAt],
    );
    await stack.db.query(
      `INSERT INTO campaign_versions (campaign_id, version, definition, submitted_by, approved_by) VALUES ($1, 1, $2, 'bench', 'bench')`,
      [campaign!.id, JSON.stringify(definition)],
    );

    // Inviters and their invited friends (bound at first login), made before the clock starts.
    const codes: string[] = [];
    for (let i = 0; i < INVITERS; i += 1) {
      const token = await login();
      const response = await fetch(`${url}/api/v1/campaigns/me/invite`, {
        headers: { authorization: `Bearer ${token}` },
      });
      codes.push(((await response.json()) as { inviteCode: string }).inviteCode);
    }
    const friends: string[] = [];
    for (let i = 0; i < ACTIONS; i += 25) {
      friends.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(25, ACTIONS - i) }, (_, j) => login(codes[(i + j) % INVITERS])),
        )),
      );
    }
    console.log(`# ${friends.length} friends bound to ${INVITERS} inviters; starting the burst`);

    const outcomes: Record<string, number> = {};
    const times: number[] = [];
    let failed = 0;
    let next = 0;
    const started = performance.now();
    let lastGrantAt = started;
    const worker = async () => {
      for (;;) {
        const i = next;
        next += 1;
        if (i >= friends.length) return;
        const t0 = performance.now();
        const answer = await post<{ outcomes?: { outcome: string }[] }>(
          '/api/v1/campaigns/actions',
          { action: 'friend_read_terms', product: 'FD120' },
          friends[i],
        ).catch((error: unknown) => ({
          status: 0,
          body: { error: String(error) } as { outcomes?: { outcome: string }[] },
        }));
        times.push(performance.now() - t0);
        if (answer.status !== 200) {
          failed += 1;
          continue;
        }
        for (const o of answer.body.outcomes ?? []) {
          outcomes[o.outcome] = (outcomes[o.outcome] ?? 0) + 1;
          if (o.outcome === 'granted' || o.outcome === 'review') lastGrantAt = performance.now();
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = (performance.now() - started) / 1000;
    const granted = (outcomes.granted ?? 0) + (outcomes.review ?? 0);
    const grantSeconds = Math.max((lastGrantAt - started) / 1000, 0.001);

    const {
      rows: [state],
    } = await stack.db.query<{ budget: number; spent: number; rewards: number; reward_sum: number }>(
      `SELECT budget_fen::int AS budget, spent_fen::int AS spent,
              (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1) AS rewards,
              (SELECT coalesce(sum(amount_fen), 0)::int FROM campaign_rewards WHERE campaign_id = $1 AND status <> 'rejected') AS reward_sum
         FROM campaigns WHERE id = $1`,
      [campaign!.id],
    );
    console.log(
      `# outcomes ${JSON.stringify(outcomes)}, failed requests ${failed}, burst ${elapsed.toFixed(1)} s (budget gone after ${grantSeconds.toFixed(1)} s)`,
    );
    console.log(
      `# budget ${state!.budget} fen, spent ${state!.spent} fen, ${state!.rewards} reward rows summing ${state!.reward_sum} fen; load average now ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const sorted = [...times].sort((a, b) => a - b);
    bench('campaign_grants_per_s', granted / grantSeconds, 'grants/s');
    bench('campaign_action_p50_ms', percentile(sorted, 50), 'ms');
    bench('campaign_action_p99_ms', percentile(sorted, 99), 'ms');
    bench('campaign_budget_overspend_fen', Math.max(0, state!.spent - state!.budget), 'fen');

    const problems: string[] = [];
    if (state!.spent > state!.budget) problems.push(`budget exceeded: spent ${state!.spent} > ${state!.budget}`);
    if (state!.spent !== state!.reward_sum)
      problems.push(`spent ${state!.spent} ≠ the rewards' sum ${state!.reward_sum}`);
    if (failed === 0 && granted !== Math.min(REWARDS, ACTIONS))
      problems.push(`granted ${granted}, expected exactly ${Math.min(REWARDS, ACTIONS)}`);
    if (state!.rewards !== granted) problems.push(`${state!.rewards} reward rows for ${granted} grants`);
    if (failed > 0) problems.push(`${failed} requests failed`);
    if (problems.length > 0) {
      console.error(`# FAILED: ${problems.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log(`# checked: exactly ${granted} rewards for a budget of ${REWARDS}; spent = budget, never more`);
    }
  } finally {
    await stack.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
