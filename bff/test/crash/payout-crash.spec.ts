import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ClaimListResponse, CollectClaimResponse } from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { spawnBff, type SpawnedBff } from '../../bench/support/spawn-bff.js';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { findFreePort } from '../../src/core/net/free-port.js';
import { flightEvent, postFlightEvent, waitFor } from '../e2e/claims.fixtures.js';
import { newCustomer, type TestCustomer } from '../support/customer.js';
import type { TestApp } from '../support/test-app.js';

const PASSENGERS = 12;

/**
 * The compiled BFF in its own process, killed with SIGKILL (no shutdown hooks, no graceful
 * anything) at points between the arrival event and "paid", and started again on the same port
 * and database. The simulator's ledger is the judge: one transfer per approved claim, exactly.
 */
describe('crash safety: kill -9 between the flight event and the money', () => {
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
      startTimeoutMs: 30_000,
    });
  };
  /** SIGKILL: no shutdown hooks, no graceful anything. */
  const killHard = async (): Promise<void> => {
    const child = bff;
    bff = undefined;
    await child?.stop('SIGKILL');
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    // Notification retries compressed 3600× (the 15 s, 15 s, 30 s, 3 min … schedule in milliseconds).
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

  it('pays every approved claim exactly once across four hard kills', async () => {
    await start();
    const app = { baseUrl, sim } as unknown as TestApp;
    const customers: TestCustomer[] = [];
    for (let i = 0; i < PASSENGERS; i += 1) customers.push(await newCustomer(app));
    const { rows: ids } = await db.query<{ id: string }>(
      `SELECT id FROM customers WHERE openid = ANY($1) ORDER BY array_position($1, openid)`,
      [customers.map((c) => c.openid)],
    );
    // A flight that left 6 h ago: its arrival (+150 min) is in the past, as the feed requires of an arrival
    // (the BFF is restarted between kills, so its business clock cannot be moved for the test).
    const flight = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 6 * 3600_000) });
    await insurePassengers(db, flight, {
      productCode: 'FD120',
      customerIds: ids.map((row) => row.id),
      payoutFen: 20000,
    });
    const arrival = flightEvent(flight, 'arrived', 4, 150);

    // Kill 1: while the arrival event is being settled (before or after its commit).
    const inFlight = postFlightEvent(baseUrl, arrival).catch(() => undefined);
    await sleep(5 + Math.random() * 20);
    await killHard();
    await inFlight;
    await start();
    // The provider got no answer (or did): it delivers again. Either way, one claim per policy.
    const redelivered = await postFlightEvent(baseUrl, arrival);
    expect(redelivered.status).toBe(200);
    expect(['applied', 'duplicate']).toContain(redelivered.body.outcome);
    const {
      rows: [claims],
    } = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'approved')::int AS approved FROM claims WHERE flight_id = $1`,
      [flight.id],
    );
    expect(claims).toEqual({ n: PASSENGERS, approved: PASSENGERS });
    const claimIds = await Promise.all(
      customers.map(
        async (customer) => (await customer.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items[0]!.id,
      ),
    );

    // Kill 2: in the middle of everybody opening their red packet.
    const collecting = Promise.all(
      customers.map((customer, i) =>
        customer.api('POST', `/api/v1/claims/${claimIds[i]}/collect`).catch(() => undefined),
      ),
    );
    await sleep(30 + Math.random() * 40);
    await killHard();
    await collecting;
    await start();

    // Everyone taps again (same bill numbers), confirms on the phone, and kill 3 lands right
    // after: the notifications meet a dead BFF and WeChat retries them on its schedule.
    const packages = await Promise.all(
      customers.map(async (customer, i) => {
        const answer = await customer.api<CollectClaimResponse>('POST', `/api/v1/claims/${claimIds[i]}/collect`);
        expect(answer.status).toBe(200);
        return answer.body.package;
      }),
    );
    customers.forEach((customer, i) => sim.confirmTransfer({ package: packages[i]!, openid: customer.openid }));
    await killHard();
    await sleep(200);
    await start();

    await waitFor(
      () => `every claim paid (the BFF's stderr: ${bff?.output().slice(-500) || 'nothing'})`,
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM claims WHERE flight_id = $1 AND status = 'paid'`, [flight.id]))
          .rows[0].n === PASSENGERS,
      40_000,
    );
    // Kill 4, then a last look: nothing moves backwards after a restart.
    await killHard();
    await start();
    expect((await customers[0]!.api<{ code: string }>('POST', `/api/v1/claims/${claimIds[0]}/collect`)).body.code).toBe(
      'CLAIM_NOT_COLLECTABLE',
    );

    const claimNos = (
      await db.query<{ claim_no: string }>(`SELECT claim_no FROM claims WHERE flight_id = $1`, [flight.id])
    ).rows.map((row) => row.claim_no);
    const transfers = sim.ledger
      .of('transfer')
      .filter((entry) => claimNos.some((claimNo) => entry.outBillNo.startsWith(claimNo)));
    for (const claimNo of claimNos) {
      const mine = transfers.filter((entry) => entry.outBillNo.startsWith(claimNo));
      // One bill per claim (none failed, so no second attempt was ever allowed), paid once.
      expect(new Set(mine.map((entry) => entry.outBillNo))).toEqual(new Set([`${claimNo}A1`]));
      expect(mine.filter((entry) => entry.state === 'SUCCESS')).toHaveLength(1);
    }
    const paid = transfers.filter((entry) => entry.state === 'SUCCESS');
    expect(paid).toHaveLength(PASSENGERS);
    expect(paid.reduce((sum, entry) => sum + entry.amount, 0)).toBe(PASSENGERS * 20000);
    expect(new Set(paid.map((entry) => entry.openid))).toEqual(new Set(customers.map((customer) => customer.openid)));
  }, 150_000);
});
