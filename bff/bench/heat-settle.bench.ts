/**
 * Issue #6 benchmark, on the real path: one signed daily-maximum reading (38.6 °C) for a city with
 * BENCH_HEAT_POLICIES (default 1,000,000) active HEAT37 policies → BFF (compiled, its own process)
 * → the reading stored, the settlement job enqueued in the same transaction → the worker settles
 * the city-day set-based: one accrual per (policy, day) and, since the day is past the deductible,
 * every policy's claim (opened with the policy, at 0) grows by its first tick.
 *   BENCH heat_settle_1m_s        POST of the reading → settlement finished (every accrual written)
 *   BENCH heat_settle_1m_rss_mb   the BFF process's peak resident memory (VmHWM) over the run
 *   BENCH heat_accruals_per_s     accruals (and claim updates) written per second of that time
 * Env: BENCH_HEAT_POLICIES, BENCH_HEAT_SLICES (policies per transaction = policies / slices; default 16).
 */
import { readFileSync } from 'node:fs';
import { signFeedBody } from '../sim/flights/flight-feed-signature.js';
import { ClaimRepository } from '../src/modules/claim/claim.repository.js';
import { PolicyRepository } from '../src/modules/policy/policy.repository.js';
import { bench, printMachine, startBenchStack } from './support/bench-stack.js';

const POLICIES = Number(process.env.BENCH_HEAT_POLICIES ?? 1_000_000);
const SLICES = process.env.BENCH_HEAT_SLICES ?? '16';
const CONCURRENCY = process.env.BENCH_HEAT_CONCURRENCY ?? '2';
const CITY = { code: 'guangzhou', station: '59287' };
/** Guangzhou's deductible is one hot day: with one settled before, the measured day pays everyone. */
const SEASON = { start: '2026-06-21', end: '2026-08-31' };
const EARLIER_HOT_DAY = '2026-07-01';
const MEASURED_DAY = '2026-07-02';
const UNITS = 2;
const SEED_CHUNK = 100_000;

/** kB → MB of a /proc/<pid>/status field (VmRSS now, VmHWM the peak so far). */
const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
};

const main = async () => {
  printMachine(
    `heat-settle benchmark: ${POLICIES.toLocaleString('en')} active HEAT37 policies in one city, one hot reading, ${SLICES} slices ${CONCURRENCY} at a time, 1 BFF process (role all)`,
  );
  // The seeded season (2026) is over, so the 5-minute sweep would close its policies during the
  // run (the settlement would still accrue them, but a million status updates would be timed too):
  // in season the sweep does not touch them, so it is off here.
  const stack = await startBenchStack({
    instances: 1,
    env: { HEAT_SETTLE_SLICES: SLICES, HEAT_SETTLE_CONCURRENCY: CONCURRENCY, WEATHER_SWEEP_SCHEDULE: 'off' },
  });
  try {
    const db = stack.db;
    const seedStarted = performance.now();
    const {
      rows: [version],
    } = await db.query<{ id: string; product_id: string }>(
      `SELECT v.id, v.product_id FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.code = 'HEAT37' ORDER BY v.version DESC LIMIT 1`,
    );
    const {
      rows: [terms],
    } = await db.query<{ tick: number; cap: number; deductible: number }>(
      `SELECT (terms ->> 'tickPerUnitFen')::int AS tick, (terms ->> 'capPerUnitFen')::int AS cap,
              (terms -> 'deductibleDaysByCity' ->> $2)::int AS deductible
         FROM product_versions WHERE id = $1`,
      [version!.id, CITY.code],
    );
    // 10,000 customers share the policies; one quote stands behind every fixture order.
    await db.query(`INSERT INTO customers (openid) SELECT 'ofx_heat_' || i FROM generate_series(1, 10000) AS i`);
    const {
      rows: [quote],
    } = await db.query<{ id: string }>(
      `INSERT INTO quotes (customer_id, product_id, product_version_id, place_code, units, cover_start_date, cover_end_date, payout_fen, premium_fen, pricing, expires_at)
       SELECT (SELECT id FROM customers LIMIT 1), $1, $2, $3, $4, $5, $6, $7, 1800, '{}', now() + interval '1 hour' RETURNING id`,
      [version!.product_id, version!.id, CITY.code, UNITS, SEASON.start, SEASON.end, terms!.cap * UNITS],
    );
    const policies = new PolicyRepository();
    const claims = new ClaimRepository();
    for (let from = 1; from <= POLICIES; from += SEED_CHUNK) {
      const to = Math.min(POLICIES, from + SEED_CHUNK - 1);
      const { rows: orders } = await db.query<{
        id: string;
        customer_id: string;
        order_no: string;
        insured_id_index: string;
      }>(
        `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM customers WHERE openid LIKE 'ofx_heat_%')
         INSERT INTO orders (order_no, customer_id, quote_id, product_version_id, place_code, units, cover_start_date, cover_end_date,
                             amount_fen, payout_fen, status, insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index,
                             insured_id_masked, insured_phone_encrypted, insured_phone_masked, exclusions_read_version_id, idempotency_key,
                             request_hash, paid_at, expires_at)
         SELECT 'H' || lpad(i::text, 12, '0'), c.id, $1, $2, $3, $4, $5, $6, 1800, $7, 'pending_payment', 'fixture', '张*', 'fixture',
                md5('heat-insured-' || i), '1101**********0000', 'fixture', '138****0000', $2, 'heat-' || i, repeat('0', 64),
                now(), now() + interval '1 hour'
           FROM generate_series($8::int, $9::int) AS i JOIN c ON c.n = i % 10000
         RETURNING id, customer_id, order_no, insured_id_index`,
        [quote!.id, version!.id, CITY.code, UNITS, SEASON.start, SEASON.end, terms!.cap * UNITS, from, to],
      );
      // Policies and their claims (at 0, as issuing opens them) through their owners' repositories.
      const runner = { query: async (text: string, values?: unknown[]) => (await db.query(text, values)).rows };
      const issued = await policies.insertWeatherPolicies(
        runner,
        orders.map((order) => ({
          policyNo: 'P' + order.order_no.slice(1),
          orderId: order.id,
          customerId: order.customer_id,
          productVersionId: version!.id,
          placeCode: CITY.code,
          units: UNITS,
          coverStartDate: SEASON.start,
          coverEndDate: SEASON.end,
          premiumFen: 1800,
          payoutFen: terms!.cap * UNITS,
          insuredIdIndex: order.insured_id_index,
          deductibleDays: terms!.deductible,
          tickFen: terms!.tick * UNITS,
        })),
        new Date(),
      );
      const customerOf = new Map(orders.map((order) => [order.id, order.customer_id]));
      await claims.openHeatClaims(
        runner,
        issued.map((row) => ({
          policyId: row.policyId,
          customerId: customerOf.get(row.orderId)!,
          productVersionId: version!.id,
          cityCode: CITY.code,
        })),
        new Date(),
      );
      process.stdout.write(`# seeded ${to.toLocaleString('en')} policies\r`);
    }
    // Created unpaid, then issued: the order state machine's guard refuses an order created issued.
    await db.query(`UPDATE orders SET status = 'issued' WHERE order_no LIKE 'H%' AND status = 'pending_payment'`);
    // One hot day already settled (inside the deductible): the measured day is hot day 2 for everyone.
    const {
      rows: [reading],
    } = await db.query<{ id: string }>(
      `INSERT INTO weather_readings (event_id, source, station_id, kind, reading_date, value_hundredths, observed_at, outcome, payload)
       VALUES ('bench-earlier', 'push', $1, 'daily_max', $2, 3790, now(), 'applied', '{}') RETURNING id`,
      [CITY.station, EARLIER_HOT_DAY],
    );
    await db.query(
      `INSERT INTO heat_settlements (place_code, day, tmax_hundredths, threshold_hundredths, hot, reading_id, policies_accrued, accrued_fen, finished_at)
       VALUES ($1, $2, 3790, 3700, true, $3, 0, 0, now())`,
      [CITY.code, EARLIER_HOT_DAY, reading!.id],
    );
    await db.query('VACUUM ANALYZE policies');
    await db.query('VACUUM ANALYZE claims');
    await db.query('ANALYZE');
    console.log(
      `\n# seeded ${POLICIES.toLocaleString('en')} policies in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const pid = stack.bffPids[0]!;
    const rssBefore = memoryMb(pid, 'VmRSS');
    let rssPeakSampled = rssBefore;
    const sampler = setInterval(() => {
      rssPeakSampled = Math.max(rssPeakSampled, memoryMb(pid, 'VmRSS'));
    }, 100);

    const secret = stack.sim.merchantConfig().WEATHER_FEED_SECRET;
    const event = {
      eventId: `bench-${CITY.station}-${MEASURED_DAY}`,
      kind: 'daily_max',
      stationId: CITY.station,
      date: MEASURED_DAY,
      tmaxCelsius: 38.6,
      observedAt: `${MEASURED_DAY}T23:59:00+08:00`,
    };
    const signed = signFeedBody(secret, JSON.stringify(event));
    const started = performance.now();
    const response = await fetch(`${stack.bffUrls[0]}/api/v1/feeds/weather`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    const answer = (await response.json()) as { outcome?: string };
    if (response.status !== 200 || answer.outcome !== 'applied')
      throw new Error(`reading refused: ${response.status} ${JSON.stringify(answer)}`);
    const ingestedMs = performance.now() - started;
    let settlement: { policies_accrued: number; accrued_fen: string } | undefined;
    for (;;) {
      const { rows } = await db.query<{ policies_accrued: number; accrued_fen: string }>(
        `SELECT policies_accrued, accrued_fen FROM heat_settlements WHERE place_code = $1 AND day = $2 AND finished_at IS NOT NULL`,
        [CITY.code, MEASURED_DAY],
      );
      if (rows[0]) {
        settlement = rows[0];
        break;
      }
      if (performance.now() - started > 30 * 60_000) throw new Error('the settlement did not finish within 30 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsedS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const peakMb = Math.max(rssPeakSampled, memoryMb(pid, 'VmHWM'));

    // Every accrual written, every claim opened, to the fen.
    const {
      rows: [check],
    } = await db.query<{ accruals: number; fen: string; claims: number; claim_fen: string }>(
      `SELECT (SELECT count(*)::int FROM heat_accruals WHERE day = $1) AS accruals,
              (SELECT coalesce(sum(amount_fen), 0) FROM heat_accruals WHERE day = $1) AS fen,
              (SELECT count(*)::int FROM claims WHERE evidence ->> 'kind' = 'heat' AND amount_fen > 0) AS claims,
              (SELECT coalesce(sum(amount_fen), 0) FROM claims WHERE evidence ->> 'kind' = 'heat') AS claim_fen`,
      [MEASURED_DAY],
    );
    const expectedFen = POLICIES * terms!.tick * UNITS;
    if (
      check!.accruals !== POLICIES ||
      Number(check!.fen) !== expectedFen ||
      check!.claims !== POLICIES ||
      Number(check!.claim_fen) !== expectedFen
    ) {
      throw new Error(
        `settlement incomplete: ${JSON.stringify(check)} (expected ${POLICIES} accruals and claims, ${expectedFen} fen)`,
      );
    }
    console.log(
      `# reading accepted in ${ingestedMs.toFixed(0)} ms; settled ${settlement.policies_accrued.toLocaleString('en')} policies, ` +
        `¥${(Number(settlement.accrued_fen) / 100).toLocaleString('en')} accrued; BFF RSS ${rssBefore.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB`,
    );
    bench('heat_settle_1m_s', elapsedS, 's');
    bench('heat_settle_1m_rss_mb', peakMb, 'MB');
    bench('heat_accruals_per_s', POLICIES / elapsedS, '/s');
  } finally {
    await stack.stop();
  }
};

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
