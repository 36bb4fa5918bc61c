/**
 * Issue #4 benchmarks, on the real path: HTTP → BFF (compiled, own processes) → PostgreSQL, with
 * the WeChat simulator's keys and signatures.
 *   BENCH quotes_per_s            sustained POST /api/v1/quotes
 *   BENCH policies_issued_per_s   payment notification → policy committed (the 204 is sent after commit)
 *   BENCH policies_issued_p99_ms  latency of that, per notification
 * Env: BENCH_SECONDS (default 30), BENCH_INSTANCES (BFF api processes, default 2), BENCH_CONCURRENCY (64),
 * BENCH_ISSUE_CONCURRENCY (notifications in flight, 128), BENCH_PHASES (`quotes,issue`).
 */
import { randomBytes } from 'node:crypto';
import { beijingDateOf } from '@xiaoan/shared';
import { SCHEDULE } from '../sim/flights/flight-schedule.js';
import type { TransactionFacts } from '../sim/notifications/signed-transaction-notification.js';
import { bench, percentile, printMachine, startBenchStack } from './support/bench-stack.js';
import { runLoad, type LoadRequest } from './support/http-load.js';
import { signNotifications } from './support/sign-notifications.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
/** WeChat Pay delivers callbacks from many servers at once; at a sales peak, 128 in flight is modest. */
const ISSUE_CONCURRENCY = Number(process.env.BENCH_ISSUE_CONCURRENCY ?? 128);
const PHASES = (process.env.BENCH_PHASES ?? 'quotes,issue').split(',');
const CUSTOMERS = 200;
const PAYOUT_FEN = 10000;

const beijingDateIn = (days: number) => beijingDateOf(new Date(Date.now() + days * 86_400_000));

const main = async () => {
  printMachine(
    `purchase benchmarks: ${INSTANCES} BFF process(es), ${CONCURRENCY} concurrent quote clients, ` +
      `${ISSUE_CONCURRENCY} notifications in flight, ${SECONDS} s per figure`,
  );
  const stack = await startBenchStack({ instances: INSTANCES });
  try {
    // Customers log in through the simulator, as the mini-program does.
    const customers: { token: string; openid: string }[] = [];
    for (let i = 0; i < CUSTOMERS; i += 1) {
      const { code, openid } = stack.sim.mintLoginCode();
      const response = await fetch(`${stack.bffUrls[0]}/api/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      customers.push({ token: ((await response.json()) as { token: string }).token, openid });
    }
    const flightDays = SCHEDULE.flatMap((flight) =>
      Array.from({ length: 18 }, (_, d) => ({ flightNo: flight.flightNo, date: beijingDateIn(3 + d) })),
    );

    // ---- quotes ----
    let n = 0;
    const quoteRequest = (): LoadRequest => {
      n += 1;
      const customer = customers[n % customers.length]!;
      const flight = flightDays[(n * 7919) % flightDays.length]!;
      return {
        url: `${stack.bffUrls[n % stack.bffUrls.length]}/api/v1/quotes`,
        method: 'POST',
        headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          productCode: 'FD120',
          flightNo: flight.flightNo,
          flightDate: flight.date,
          payoutTier: 20000,
        }),
      };
    };
    await runLoad({ concurrency: CONCURRENCY, durationMs: 5000, next: quoteRequest, okStatus: 201 }); // warm-up: flights cached, JIT warm
    if (PHASES.includes('quotes')) {
      const quotes = await runLoad({
        concurrency: CONCURRENCY,
        durationMs: SECONDS * 1000,
        next: quoteRequest,
        okStatus: 201,
      });
      if (quotes.failed > 0) console.log(`# quotes failed: ${quotes.failed} ${JSON.stringify([...quotes.statuses])}`);
      bench('quotes_per_s', (quotes.ok / quotes.elapsedMs) * 1000, '/s');
      bench('quote_p99_ms', percentile(quotes.latenciesMs, 99), 'ms');
    }
    if (!PHASES.includes('issue')) return;

    // ---- issuing: orders created and notifications signed before the clock starts ----
    const { rows: flights } = await stack.db.query<{ id: string }>(
      `SELECT id FROM flights WHERE status = 'scheduled' AND scheduled_departure > now() + interval '3 hours'`,
    );
    await stack.db.query(`UPDATE flights SET sold_sum_insured_fen = 0`);
    const {
      rows: [version],
    } = await stack.db.query<{ id: string; product_id: string }>(
      `SELECT v.id, v.product_id FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.code = 'FD120'`,
    );
    const { rows: customerRows } = await stack.db.query<{ id: string; openid: string }>(
      `SELECT id, openid FROM customers`,
    );
    const createOrders = async (count: number): Promise<TransactionFacts[]> => {
      const batchId = randomBytes(3).toString('hex');
      const { rows } = await stack.db.query<{ order_no: string; amount_fen: number; openid: string }>(
        `WITH q AS (
           INSERT INTO quotes (customer_id, product_id, product_version_id, flight_id, payout_fen, premium_fen, pricing, expires_at)
           SELECT ($1::uuid[])[1 + i % array_length($1::uuid[], 1)], $2, $3, ($4::uuid[])[1 + i % array_length($4::uuid[], 1)],
                  $5, 600, '{}', now() + interval '1 hour'
             FROM generate_series(0, $6 - 1) AS i
           RETURNING id, customer_id, flight_id)
         INSERT INTO orders (order_no, customer_id, quote_id, product_version_id, flight_id, amount_fen, payout_fen,
                             insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index,
                             insured_id_masked, insured_phone_encrypted, insured_phone_masked, exclusions_read_version_id,
                             idempotency_key, request_hash, expires_at)
         SELECT 'B' || $7 || lpad(row_number() OVER ()::text, 9, '0'), q.customer_id, q.id, $3, q.flight_id, 600, $5,
                'bench', '张*', 'bench', md5(random()::text), '1101**********0000', 'bench', '138****0000', $3,
                md5(random()::text), repeat('0', 64), now() + interval '1 hour'
           FROM q
         RETURNING order_no, amount_fen, (SELECT openid FROM customers c WHERE c.id = orders.customer_id) AS openid`,
        [
          customerRows.map((c) => c.id),
          version!.product_id,
          version!.id,
          flights.map((f) => f.id),
          PAYOUT_FEN,
          count,
          batchId,
        ],
      );
      return rows.map((row) => ({ outTradeNo: row.order_no, amountFen: row.amount_fen, openid: row.openid }));
    };
    const deliverAll = async (facts: TransactionFacts[], durationMs: number) => {
      const signed = await signNotifications(facts);
      let i = 0;
      return runLoad({
        concurrency: ISSUE_CONCURRENCY,
        durationMs,
        okStatus: 204,
        next: () => {
          const notification = signed[i];
          if (!notification) return undefined;
          i += 1;
          return {
            url: `${stack.bffUrls[i % stack.bffUrls.length]}/api/v1/wechatpay/notify/transaction`,
            method: 'POST',
            headers: notification.headers,
            body: notification.body,
          };
        },
      });
    };
    const warm = await deliverAll(await createOrders(3000), 60_000);
    const estimate = (warm.ok / warm.elapsedMs) * 1000;
    // Sign more than the warm-up rate suggests (the warm-up includes JIT and cold caches); the run
    // stops at BENCH_SECONDS and only what was committed by then counts.
    const count = Math.max(Math.ceil(estimate * SECONDS * 3), 20_000);
    console.log(
      `# issuing warm-up: ${warm.ok} policies at ${estimate.toFixed(0)}/s; preparing ${count} orders and notifications`,
    );
    const facts = await createOrders(count);
    const run = await deliverAll(facts, SECONDS * 1000);
    const {
      rows: [issued],
    } = await stack.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM policies p JOIN orders o ON o.id = p.order_id WHERE o.order_no = ANY($1)`,
      [facts.map((fact) => fact.outTradeNo)],
    );
    if (run.failed > 0) console.log(`# notifications not accepted: ${run.failed} ${JSON.stringify([...run.statuses])}`);
    console.log(
      `# ${issued!.n} policies in the database from ${run.ok + run.failed} notifications delivered in ${(run.elapsedMs / 1000).toFixed(1)} s`,
    );
    bench('policies_issued_per_s', (Number(issued!.n) / run.elapsedMs) * 1000, '/s');
    bench('policies_issued_p50_ms', percentile(run.latenciesMs, 50), 'ms');
    bench('policies_issued_p99_ms', percentile(run.latenciesMs, 99), 'ms');
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
