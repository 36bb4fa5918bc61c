import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../src/core/clock/clock.js';
import { FlightDataClient } from '../../src/integrations/flight-data/flight-data.client.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { FindStoredFlightUseCase } from '../../src/modules/flight/find-stored-flight.use-case.js';
import { FlightRepository } from '../../src/modules/flight/flight.repository.js';
import { LookupFlightsUseCase } from '../../src/modules/flight/lookup-flights.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { FlightOutcomeCountsRepository } from '../../src/modules/pricing/persistence/flight-outcome-counts.repository.js';
import { RecordFlightOutcomeUseCase } from '../../src/modules/pricing/record-flight-outcome.use-case.js';
import { IngestFlightStatusUseCase } from '../../src/modules/trigger/ingest-flight-status.use-case.js';
import { FLIGHT_WATCH_QUEUE } from '../../src/modules/trigger/trigger.queues.js';
import { WatchFlightUseCase } from '../../src/modules/trigger/watch-flight.use-case.js';
import { beijingDateIn } from '../support/customer.js';
import { addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * WatchFlightUseCase on a real PostgreSQL and the simulated flight provider over real HTTP: an
 * insured flight without a final status is pulled, and what is new goes through the same ingestion
 * as a push (so a flight that landed 3 h late approves its claims); with nothing new, the next look
 * is queued 30 min on, until a day after the scheduled arrival; a flight already final, or unknown,
 * is not pulled at all. The flights are stored from the provider (LookupFlightsUseCase) and insured
 * through order settlement; the ingestion's business clock is three days on, after their arrivals.
 */
describe('WatchFlightUseCase', () => {
  let medium: Medium;
  let watch: WatchFlightUseCase;
  let lookup: LookupFlightsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const clock = new Clock(medium.config);
    clock.travelTo(new Date(Date.now() + 3 * 24 * 3600_000));
    const provider = new FlightDataClient(medium.integrations.flightData);
    const flights = new FlightRepository(medium.dataSource);
    lookup = new LookupFlightsUseCase(provider, flights, new ProductVersionCache(medium.dataSource));
    watch = new WatchFlightUseCase(
      provider,
      new FindStoredFlightUseCase(flights),
      new IngestFlightStatusUseCase(
        medium.unitOfWork,
        new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository())),
        clock,
        new RecordFlightOutcomeUseCase(new FlightOutcomeCountsRepository(medium.dataSource)),
        new OpenManualReviewsUseCase(medium.dataSource),
      ),
      medium.queue,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A flight of the provider's schedule, stored from it and insured by one policy. */
  const insuredFlight = async (flightNo: string, inDays = 2) => {
    const date = beijingDateIn(inDays);
    const row = await lookup.findFresh(flightNo, date);
    const { policyId } = await addIssuedFlightPolicy(medium, row.id, 'FD120', 20000);
    return { id: row.id, flightNo, date, policyId, scheduledArrival: row.scheduled_arrival };
  };
  const flightAndClaims = (flightId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(f) FROM flights f WHERE f.id = $1) AS flight,
              (SELECT json_agg(c ORDER BY c.id) FROM claims c WHERE c.flight_id = $1) AS claims`,
      [flightId],
    );
  const watchJobs = (from: number) => medium.jobs.slice(from).filter((job) => job.queue === FLIGHT_WATCH_QUEUE);

  it("a flight the provider reports landed 3 h late is ingested as pulled: the flight is final and its policy's claim approved", async () => {
    const flight = await insuredFlight('MU5183');
    medium.sim.flights.landLate(flight.flightNo, flight.date, 180, new Date(), { silent: true });
    const jobsBefore = medium.jobs.length;

    const result = await watch.execute(flight.id, new Date(flight.scheduledArrival.getTime() + 4 * 3600_000));

    expect(result).toMatchObject({ flightStatus: 'arrived', claimsApproved: 1 });
    const { rows } = await medium.db.query(
      `SELECT f.status, f.provider_revision, c.status AS claim, c.amount_fen
         FROM flights f JOIN claims c ON c.flight_id = f.id WHERE f.id = $1`,
      [flight.id],
    );
    expect(rows).toEqual([{ status: 'arrived', provider_revision: 1, claim: 'approved', amount_fen: 20000 }]);
    expect(watchJobs(jobsBefore)).toEqual([]);
  });

  it('with nothing new at the provider, nothing changes and the next look is queued 30 minutes on', async () => {
    const flight = await insuredFlight('CA1831');
    const before = await flightAndClaims(flight.id);
    const now = new Date(flight.scheduledArrival.getTime() + 15 * 60_000);
    const jobsBefore = medium.jobs.length;

    await expect(watch.execute(flight.id, now)).resolves.toBeNull();

    expect(await flightAndClaims(flight.id)).toBe(before);
    expect(watchJobs(jobsBefore)).toEqual([{ queue: FLIGHT_WATCH_QUEUE, data: { flightId: flight.id } }]);
  });

  it('a day after the scheduled arrival, no further look is queued', async () => {
    const flight = await insuredFlight('CZ3101');
    const jobsBefore = medium.jobs.length;

    await watch.execute(flight.id, new Date(flight.scheduledArrival.getTime() + 24 * 3600_000));

    expect(watchJobs(jobsBefore)).toEqual([]);
  });

  it('a flight already final, or one we do not hold, is not pulled and nothing changes', async () => {
    const flight = await insuredFlight('CA1351');
    medium.sim.flights.landLate(flight.flightNo, flight.date, 180, new Date(), { silent: true });
    await watch.execute(flight.id, new Date(flight.scheduledArrival.getTime() + 4 * 3600_000));
    // The provider revises the record again: a final flight is not asked about.
    medium.sim.flights.apply(flight.flightNo, flight.date, { status: 'diverted' }, new Date(), { silent: true });
    const before = await flightAndClaims(flight.id);
    const jobsBefore = medium.jobs.length;

    await expect(watch.execute(flight.id)).resolves.toBeNull();
    await expect(watch.execute('00000000-0000-4000-8000-000000000000')).resolves.toBeNull();

    expect(await flightAndClaims(flight.id)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });
});
