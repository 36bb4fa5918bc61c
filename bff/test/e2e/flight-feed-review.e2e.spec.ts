import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { FlightListResponse } from '@xiaoan/shared';
import { beijingDateIn, newCustomer, type TestCustomer } from '../support/customer.js';
import { insertFlight, insurePassengers, type FixtureFlight } from '../../bench/support/insured-flight.fixture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival, postFlightEvent } from './claims.fixtures.js';

/** Flight data the BFF must not take at its word, and flights it must not pretend can be bought. */
describe('flight data: arrivals that cannot be true are held for review, and the flight list tells the truth', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.db;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const claimsOf = async (flight: FixtureFlight) =>
    (
      await db.query<{ status: string; amount_fen: number; evidence: { outcome: string; providerEventIds: string[] } }>(
        `SELECT status, amount_fen, evidence FROM claims WHERE flight_id = $1 ORDER BY claim_no`,
        [flight.id],
      )
    ).rows;
  const flightState = async (flight: FixtureFlight) =>
    (await db.query(`SELECT status, actual_arrival FROM flights WHERE id = $1`, [flight.id])).rows[0] as {
      status: string;
      actual_arrival: Date | null;
    };

  it('stores an arrival reported for the future and sends the policies to manual review, paying nothing; the true arrival later settles them', async () => {
    const flight = await insertFlight(db, { scheduledDeparture: new Date(Date.now() + 24 * 3600_000) });
    await insurePassengers(db, flight, { productCode: 'FD120', count: 2 });
    const future = flightEvent(flight, 'arrived', 3, 180);

    const held = await postFlightEvent(testApp.baseUrl, future);
    expect(held).toMatchObject({ status: 200, body: { outcome: 'held_for_review', claimsApproved: 0 } });
    expect(await flightState(flight)).toMatchObject({ status: 'scheduled', actual_arrival: null });
    const claims = await claimsOf(flight);
    expect(claims.map((claim) => [claim.status, claim.evidence.outcome, claim.evidence.providerEventIds])).toEqual([
      ['manual_review', 'implausible_arrival', [future.eventId]],
      ['manual_review', 'implausible_arrival', [future.eventId]],
    ]);
    const {
      rows: [stored],
    } = await db.query(`SELECT applied, held_reason FROM flight_status_events WHERE event_id = $1`, [future.eventId]);
    expect(stored).toEqual({ applied: false, held_reason: 'arrival_in_future' });
    // Delivered again: nothing more.
    expect((await postFlightEvent(testApp.baseUrl, future)).body.outcome).toBe('duplicate');
    expect(await claimsOf(flight)).toHaveLength(2);
    expect(testApp.sim.ledger.of('transfer')).toEqual([]);

    // Once the flight has really landed, the provider's next revision settles it by the rule.
    const real = flightEvent(flight, 'arrived', 4, 130);
    expect((await postArrival(testApp.baseUrl, real)).body).toMatchObject({ outcome: 'applied', claimsApproved: 2 });
    expect((await claimsOf(flight)).map((claim) => [claim.status, claim.evidence.outcome])).toEqual([
      ['approved', 'arrived'],
      ['approved', 'arrived'],
    ]);
  });

  it('holds an arrival before the scheduled departure for review too', async () => {
    const flight = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 10 * 3600_000) });
    await insurePassengers(db, flight, { productCode: 'FD60', count: 1 });
    const early: Record<string, unknown> = {
      ...flightEvent(flight, 'arrived', 2),
      actualArrival: new Date(flight.scheduledDeparture.getTime() - 3600_000).toISOString(),
    };
    expect((await postFlightEvent(testApp.baseUrl, early)).body.outcome).toBe('held_for_review');
    expect((await claimsOf(flight)).map((claim) => claim.status)).toEqual(['manual_review']);
    const {
      rows: [stored],
    } = await db.query(`SELECT held_reason FROM flight_status_events WHERE event_id = $1`, [early['eventId']]);
    expect(stored.held_reason).toBe('arrival_before_departure');
  });

  describe('the flight list', () => {
    let customer: TestCustomer;
    beforeAll(async () => {
      customer = await newCustomer(testApp);
    });
    const list = async (date: string) =>
      (await customer.api<FlightListResponse>('GET', `/api/v1/flights?date=${date}&productCode=FD120`)).body.items;

    it('marks departed and landed flights with the true reason, and the quote refuses with the same reason', async () => {
      const date = beijingDateIn(3);
      const [first, second, third] = (await list(date)).map((flight) => flight.flightNo);
      testApp.sim.flights.apply(first!, date, { status: 'departed', actualDeparture: new Date().toISOString() });
      testApp.sim.flights.landLate(second!, date, 30);
      const items = await list(date);
      expect(items.find((flight) => flight.flightNo === first)?.saleStop).toEqual({
        code: 'FLIGHT_ALREADY_DEPARTED',
        reason: '该航班已起飞，无法投保',
      });
      expect(items.find((flight) => flight.flightNo === second)?.saleStop).toEqual({
        code: 'FLIGHT_ALREADY_LANDED',
        reason: '该航班已到达，无法投保',
      });
      expect(items.find((flight) => flight.flightNo === third)?.saleStop).toBeNull();

      const refused = await customer.api<{ code: string }>('POST', '/api/v1/quotes', {
        productCode: 'FD120',
        flightNo: second,
        flightDate: date,
        payoutTier: 20000,
      });
      expect(refused.body.code).toBe('FLIGHT_ALREADY_LANDED');
    });

    it("judges today's flights by the clock: past departure is departed, within 2 hours is closed, later is open", async () => {
      const today = beijingDateIn(0);
      const now = Date.now();
      for (const flight of await list(today)) {
        const departure = Date.parse(flight.scheduledDeparture);
        const expected =
          departure <= now ? 'FLIGHT_ALREADY_DEPARTED' : departure - now < 2 * 3600_000 ? 'SALE_WINDOW_CLOSED' : null;
        // A flight within a second of a boundary may be judged either side of it.
        if (Math.abs(departure - now) < 5000 || Math.abs(departure - 2 * 3600_000 - now) < 5000) continue;
        expect([flight.flightNo, flight.saleStop?.code ?? null]).toEqual([flight.flightNo, expected]);
      }
    });
  });
});
