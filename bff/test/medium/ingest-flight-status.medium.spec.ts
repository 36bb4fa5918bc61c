import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FlightStatusEvent } from '@xiaoan/shared';
import { Clock } from '../../src/core/clock/clock.js';
import { CLAIM_QUEUES } from '../../src/modules/claim/claim.queues.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { FlightOutcomeCountsRepository } from '../../src/modules/pricing/persistence/flight-outcome-counts.repository.js';
import { RecordFlightOutcomeUseCase } from '../../src/modules/pricing/record-flight-outcome.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { IngestFlightStatusUseCase } from '../../src/modules/trigger/ingest-flight-status.use-case.js';
import { addFlight, addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * IngestFlightStatusUseCase on a real PostgreSQL, on policies issued by paying for them: a flight
 * status event is stored once per provider event id and moves the flight forward only; a final
 * status settles the flight's policies in the same transaction. A re-delivered, older or
 * backward event changes nothing but the evidence kept of it; an event for a flight we do not know
 * touches no flight; an arrival that cannot be true pays nothing and sends the policies to review.
 */
describe('IngestFlightStatusUseCase', () => {
  let medium: Medium;
  let ingest: IngestFlightStatusUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    // The flights here depart tomorrow: the business clock is two days on, after their arrivals.
    const clock = new Clock(medium.config);
    clock.travelTo(new Date(Date.now() + 2 * 24 * 3600_000));
    ingest = new IngestFlightStatusUseCase(
      medium.unitOfWork,
      new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository())),
      clock,
      new RecordFlightOutcomeUseCase(new FlightOutcomeCountsRepository(medium.dataSource)),
      new OpenManualReviewsUseCase(medium.dataSource),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  interface Flight {
    id: string;
    flightNo: string;
    flightDate: string;
    scheduledDeparture: Date;
    scheduledArrival: Date;
  }
  /** A flight departing tomorrow with one FD120 policy on it, paid for. */
  const insuredFlight = async (): Promise<Flight & { policyId: string }> => {
    const { id } = await addFlight(medium.db);
    const { policyId } = await addIssuedFlightPolicy(medium, id, 'FD120', 20000);
    const { rows } = await medium.db.query<{ no: string; date: string; dep: Date; arr: Date }>(
      `SELECT flight_no AS no, to_char(flight_date, 'YYYY-MM-DD') AS date, scheduled_departure AS dep, scheduled_arrival AS arr
         FROM flights WHERE id = $1`,
      [id],
    );
    const row = rows[0]!;
    return {
      id,
      policyId,
      flightNo: row.no,
      flightDate: row.date,
      scheduledDeparture: row.dep,
      scheduledArrival: row.arr,
    };
  };
  const eventOf = (
    flight: Pick<Flight, 'flightNo' | 'flightDate'>,
    event: Pick<FlightStatusEvent, 'status' | 'revision'> & Partial<FlightStatusEvent>,
  ): FlightStatusEvent => ({
    eventId: `evt-${randomBytes(6).toString('hex')}`,
    flightNo: flight.flightNo,
    flightDate: flight.flightDate,
    occurredAt: new Date().toISOString(),
    ...event,
  });
  /** An arrival `lateMinutes` after the schedule, as the provider reports one. */
  const arrivedEvent = (flight: Flight, lateMinutes: number, revision: number) =>
    eventOf(flight, {
      status: 'arrived',
      revision,
      actualDeparture: flight.scheduledDeparture.toISOString(),
      actualArrival: new Date(flight.scheduledArrival.getTime() + lateMinutes * 60_000).toISOString(),
    });
  /** The flight, the events kept of it, its policies and claims, and whether its outcome was counted. */
  const stateOf = (flight: Pick<Flight, 'flightNo' | 'flightDate'>) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(f) FROM flights f WHERE f.flight_no = $1 AND f.flight_date = $2::date) AS flight,
              (SELECT json_agg(e ORDER BY e.event_id) FROM flight_status_events e WHERE e.flight_no = $1 AND e.flight_date = $2::date) AS events,
              (SELECT json_agg(p ORDER BY p.id) FROM policies p JOIN flights f ON f.id = p.flight_id WHERE f.flight_no = $1 AND f.flight_date = $2::date) AS policies,
              (SELECT json_agg(c ORDER BY c.id) FROM claims c JOIN flights f ON f.id = c.flight_id WHERE f.flight_no = $1 AND f.flight_date = $2::date) AS claims,
              (SELECT count(*) FROM flight_outcomes_counted o JOIN flights f ON f.id = o.flight_id WHERE f.flight_no = $1 AND f.flight_date = $2::date) AS counted`,
      [flight.flightNo, flight.flightDate],
    );
  /** The flight, its policies and claims, and whether its outcome was counted: what money and cover follow. */
  const settledStateOf = (flight: Pick<Flight, 'id'>) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(f) FROM flights f WHERE f.id = $1) AS flight,
              (SELECT json_agg(p ORDER BY p.id) FROM policies p WHERE p.flight_id = $1) AS policies,
              (SELECT json_agg(c ORDER BY c.id) FROM claims c WHERE c.flight_id = $1) AS claims,
              (SELECT count(*) FROM flight_outcomes_counted o WHERE o.flight_id = $1) AS counted`,
      [flight.id],
    );
  const flightOf = async (flightId: string) =>
    (
      await medium.db.query<{ status: string; revision: number; arrival: Date | null }>(
        `SELECT status, provider_revision AS revision, actual_arrival AS arrival FROM flights WHERE id = $1`,
        [flightId],
      )
    ).rows[0]!;
  const eventsOf = async (flight: Pick<Flight, 'flightNo' | 'flightDate'>) =>
    (
      await medium.db.query<{
        event_id: string;
        status: string;
        applied: boolean;
        held_reason: string | null;
        known: boolean;
      }>(
        `SELECT event_id, status, applied, held_reason, flight_id IS NOT NULL AS known FROM flight_status_events
          WHERE flight_no = $1 AND flight_date = $2::date ORDER BY received_at`,
        [flight.flightNo, flight.flightDate],
      )
    ).rows;
  const decided = async (policyId: string) =>
    (
      await medium.db.query<{ policy: string; claim: string | null; amount: number | null }>(
        `SELECT p.status AS policy, c.status AS claim, c.amount_fen AS amount
           FROM policies p LEFT JOIN claims c ON c.policy_id = p.id WHERE p.id = $1`,
        [policyId],
      )
    ).rows;

  it('an arrival 3 h late is stored, moves the flight, and approves its policy in the same transaction', async () => {
    const flight = await insuredFlight();
    const jobsBefore = medium.jobs.length;
    const event = arrivedEvent(flight, 180, 1);

    const result = await ingest.execute(event, 'push');

    expect(result).toEqual({ outcome: 'applied', flightStatus: 'arrived', claimsApproved: 1 });
    expect(await flightOf(flight.id)).toEqual({
      status: 'arrived',
      revision: 1,
      arrival: new Date(event.actualArrival!),
    });
    expect(await eventsOf(flight)).toEqual([
      { event_id: event.eventId, status: 'arrived', applied: true, held_reason: null, known: true },
    ]);
    expect(await decided(flight.policyId)).toEqual([{ policy: 'claimed', claim: 'approved', amount: 20000 }]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: CLAIM_QUEUES.notifyApproved, data: { claimIds: [expect.any(String)] } },
    ]);
  });

  it('the same event delivered again is a duplicate and changes nothing', async () => {
    const flight = await insuredFlight();
    const event = arrivedEvent(flight, 180, 1);
    await ingest.execute(event, 'push');
    const once = await stateOf(flight);
    const jobsBefore = medium.jobs.length;

    await expect(ingest.execute(event, 'poll')).resolves.toEqual({
      outcome: 'duplicate',
      flightStatus: null,
      claimsApproved: 0,
    });

    expect(await stateOf(flight)).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('a corrected final arrival moves the flight again but pays and counts it only once', async () => {
    const flight = await insuredFlight();
    await ingest.execute(arrivedEvent(flight, 180, 1), 'push');
    const claimsOnce = await snapshot(medium.db, `SELECT * FROM claims WHERE flight_id = $1 ORDER BY id`, [flight.id]);
    const jobsBefore = medium.jobs.length;

    const corrected = arrivedEvent(flight, 185, 2);
    await expect(ingest.execute(corrected, 'poll')).resolves.toEqual({
      outcome: 'applied',
      flightStatus: 'arrived',
      claimsApproved: 0,
    });

    expect(await flightOf(flight.id)).toEqual({
      status: 'arrived',
      revision: 2,
      arrival: new Date(corrected.actualArrival!),
    });
    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE flight_id = $1 ORDER BY id`, [flight.id])).toBe(
      claimsOnce,
    );
    expect(
      (
        await medium.db.query(`SELECT count(*)::int AS n FROM flight_outcomes_counted WHERE flight_id = $1`, [
          flight.id,
        ])
      ).rows,
    ).toEqual([{ n: 1 }]);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('an older revision, or a non-final status after the final one, is kept as evidence only: the flight and its claims stay as they were', async () => {
    const flight = await insuredFlight();
    await ingest.execute(arrivedEvent(flight, 180, 5), 'push');
    const before = await settledStateOf(flight);
    const jobsBefore = medium.jobs.length;
    const older = eventOf(flight, { status: 'delayed', revision: 4 });
    const backward = eventOf(flight, { status: 'departed', revision: 6 });
    // An older arrival on time would have paid nothing: it must not undo the claim.
    const olderArrival = arrivedEvent(flight, 10, 3);

    for (const event of [older, backward, olderArrival])
      await expect(ingest.execute(event, 'poll')).resolves.toEqual({
        outcome: 'stale',
        flightStatus: null,
        claimsApproved: 0,
      });

    expect(await settledStateOf(flight)).toBe(before);
    expect((await eventsOf(flight)).map((event) => [event.status, event.applied])).toEqual([
      ['arrived', true],
      ['delayed', false],
      ['departed', false],
      ['arrived', false],
    ]);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('an event for a flight we do not know is kept unapplied, and touches no flight, policy or claim', async () => {
    const unknown = { flightNo: 'ZH9876', flightDate: new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10) };
    const counts = () =>
      snapshot(
        medium.db,
        `SELECT (SELECT count(*) FROM flights) AS flights, (SELECT count(*) FROM policies) AS policies,
                (SELECT count(*) FROM claims) AS claims, (SELECT max(refreshed_at) FROM flights) AS flights_refreshed`,
      );
    const before = await counts();
    const event = eventOf(unknown, { status: 'cancelled', revision: 1 });

    await expect(ingest.execute(event, 'push')).resolves.toEqual({
      outcome: 'unknown_flight',
      flightStatus: null,
      claimsApproved: 0,
    });

    expect(await counts()).toBe(before);
    expect(await eventsOf(unknown)).toEqual([
      { event_id: event.eventId, status: 'cancelled', applied: false, held_reason: null, known: false },
    ]);
  });

  it('an arrival before the flight departed is held: kept with its reason, nothing paid, the policy sent to manual review, once', async () => {
    const flight = await insuredFlight();
    const jobsBefore = medium.jobs.length;
    const held = eventOf(flight, {
      status: 'arrived',
      revision: 1,
      actualArrival: new Date(flight.scheduledDeparture.getTime() - 60_000).toISOString(),
    });

    await expect(ingest.execute(held, 'push')).resolves.toEqual({
      outcome: 'held_for_review',
      flightStatus: null,
      claimsApproved: 0,
    });

    expect(await flightOf(flight.id)).toEqual({ status: 'scheduled', revision: 0, arrival: null });
    expect(await eventsOf(flight)).toEqual([
      {
        event_id: held.eventId,
        status: 'arrived',
        applied: false,
        held_reason: 'arrival_before_departure',
        known: true,
      },
    ]);
    expect(await decided(flight.policyId)).toEqual([{ policy: 'active', claim: 'manual_review', amount: 20000 }]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([]);
    const once = await stateOf(flight);

    await expect(ingest.execute(held, 'push')).resolves.toMatchObject({ outcome: 'duplicate' });
    expect(await stateOf(flight)).toBe(once);
  });
});
