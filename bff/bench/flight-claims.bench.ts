/**
 * Issue #5 benchmark, on the real path: signed HTTP POST of an arrival event → BFF (compiled, its
 * own process) → PostgreSQL: the flight moved, all 300 policies on it decided by their own
 * version's rule, 300 claims approved and their notification job enqueued, in one transaction
 * whose commit precedes the 200 answer.
 *   BENCH flight_claims_p50_ms / flight_claims_p99_ms   arrival event → 300 claims approved + notifications enqueued
 *   BENCH flight_claims_per_s                           claims approved per second of settlement time
 * Env: BENCH_FLIGHTS (measured flights, default 30), BENCH_PASSENGERS (default 300).
 */
import { signFeedBody } from '../sim/flights/flight-feed-signature.js';
import { bench, percentile, printMachine, startBenchStack } from './support/bench-stack.js';
import { insertFlight, insurePassengers, type FixtureFlight } from './support/insured-flight.fixture.js';

const FLIGHTS = Number(process.env.BENCH_FLIGHTS ?? 30);
const WARM_UP = 3;
const PASSENGERS = Number(process.env.BENCH_PASSENGERS ?? 300);

const main = async () => {
  printMachine(
    `flight-claims benchmark: ${FLIGHTS} flights (+${WARM_UP} warm-up) with ${PASSENGERS} insured passengers each, 1 BFF process`,
  );
  const stack = await startBenchStack({ instances: 1 });
  try {
    const secret = (stack.sim.merchantConfig() as unknown as Record<string, string>).FLIGHT_FEED_SECRET!;
    const flights: FixtureFlight[] = [];
    for (let i = 0; i < FLIGHTS + WARM_UP; i += 1) {
      // Left 5 h ago: the arrival (+125 min block, +146 min late) is in the past, as the feed requires.
      const flight = await insertFlight(stack.db, {
        flightNo: `BQ${String(1000 + i)}`,
        scheduledDeparture: new Date(Date.now() - (300 + i) * 60_000),
      });
      // FD120 and FD60 side by side: each policy is judged by its own version's threshold.
      await insurePassengers(stack.db, flight, {
        productCode: 'FD120',
        count: Math.ceil((PASSENGERS * 2) / 3),
        payoutFen: 20000,
      });
      await insurePassengers(stack.db, flight, {
        productCode: 'FD60',
        count: PASSENGERS - Math.ceil((PASSENGERS * 2) / 3),
        payoutFen: 10000,
      });
      flights.push(flight);
    }
    await stack.db.query('ANALYZE');

    const latencies: number[] = [];
    let settlingMs = 0;
    for (const [i, flight] of flights.entries()) {
      const event = {
        eventId: `BENCH-${flight.flightNo}-${flight.flightDate}`,
        flightNo: flight.flightNo,
        flightDate: flight.flightDate,
        status: 'arrived',
        revision: 3,
        scheduledArrival: flight.scheduledArrival.toISOString(),
        actualDeparture: new Date(flight.scheduledDeparture.getTime() + 140 * 60_000).toISOString(),
        actualArrival: new Date(flight.scheduledArrival.getTime() + 146 * 60_000).toISOString(),
        occurredAt: new Date().toISOString(),
      };
      const signed = signFeedBody(secret, JSON.stringify(event));
      const started = performance.now();
      const response = await fetch(`${stack.bffUrls[0]}/api/v1/feeds/flight-status`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      const answer = (await response.json()) as { claimsApproved?: number };
      const elapsed = performance.now() - started;
      if (response.status !== 200 || answer.claimsApproved !== PASSENGERS) {
        throw new Error(
          `flight ${flight.flightNo}: ${response.status} ${JSON.stringify(answer)} (expected ${PASSENGERS} claims)`,
        );
      }
      // The 200 follows the commit: the claims and their notification job are already durable.
      const {
        rows: [check],
      } = await stack.db.query<{ approved: number; jobs: number }>(
        `SELECT (SELECT count(*)::int FROM claims WHERE flight_id = $1 AND status = 'approved') AS approved,
                (SELECT count(*)::int FROM pgboss.job WHERE name = 'claim.notify-approved'
                   AND data -> 'claimIds' ? (SELECT id::text FROM claims WHERE flight_id = $1 LIMIT 1)) AS jobs`,
        [flight.id],
      );
      if (check!.approved !== PASSENGERS || check!.jobs !== 1)
        throw new Error(`flight ${flight.flightNo}: ${JSON.stringify(check)}`);
      if (i >= WARM_UP) {
        latencies.push(elapsed);
        settlingMs += elapsed;
      }
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `# ${latencies.length} flights × ${PASSENGERS} claims; min ${latencies[0]!.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
    bench('flight_claims_p50_ms', percentile(latencies, 50), 'ms');
    bench('flight_claims_p99_ms', percentile(latencies, 99), 'ms');
    bench('flight_claims_per_s', (latencies.length * PASSENGERS * 1000) / settlingMs, '/s');
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
