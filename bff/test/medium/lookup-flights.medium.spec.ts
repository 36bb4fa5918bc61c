import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FlightDataClient } from '../../src/integrations/flight-data/flight-data.client.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { FlightRepository } from '../../src/modules/flight/flight.repository.js';
import { LookupFlightsUseCase } from '../../src/modules/flight/lookup-flights.use-case.js';
import { beijingDateIn } from '../support/customer.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * LookupFlightsUseCase on a real PostgreSQL and the simulated flight provider over real HTTP: a
 * flight is read through a copy kept in PostgreSQL, the provider asked again only once the copy is
 * a minute old; a flight the provider does not know is FLIGHT_NOT_FOUND, a provider that cannot be
 * reached FLIGHT_DATA_UNAVAILABLE unless a copy exists; the day's schedule is listed with why each
 * flight can no longer be bought. Each test uses its own flight or day.
 */
describe('LookupFlightsUseCase', () => {
  let medium: Medium;
  let lookup: LookupFlightsUseCase;
  let offline: LookupFlightsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const versions = new ProductVersionCache(medium.dataSource);
    const flights = new FlightRepository(medium.dataSource);
    lookup = new LookupFlightsUseCase(new FlightDataClient(medium.integrations.flightData), flights, versions);
    // The provider unreachable (nothing listens on the discard port).
    offline = new LookupFlightsUseCase(
      new FlightDataClient({ ...medium.integrations.flightData, origin: 'http://127.0.0.1:9' }),
      flights,
      versions,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stored = async (flightNo: string, flightDate: string) =>
    (
      await medium.db.query(
        `SELECT flight_no, to_char(flight_date, 'YYYY-MM-DD') AS flight_date, status, provider_revision, scheduled_departure
           FROM flights WHERE flight_no = $1 AND flight_date = $2`,
        [flightNo, flightDate],
      )
    ).rows;
  const later = (ms: number) => new Date(Date.now() + ms);

  it("a flight asked for the first time is fetched from the provider and stored as the provider's copy", async () => {
    const date = beijingDateIn(3);
    const provider = medium.sim.flights.find('MU5101', date)!;

    const row = await lookup.findFresh('MU5101', date);

    expect(row).toMatchObject({ flight_no: 'MU5101', flight_date: date, status: 'scheduled' });
    expect(await stored('MU5101', date)).toEqual([
      {
        flight_no: 'MU5101',
        flight_date: date,
        status: 'scheduled',
        provider_revision: 0,
        scheduled_departure: new Date(provider.scheduledDeparture),
      },
    ]);
  });

  it('within a minute the stored copy answers; after it, the provider is asked again and the copy updated', async () => {
    const date = beijingDateIn(4);
    await lookup.findFresh('MU5137', date);
    medium.sim.flights.apply('MU5137', date, { status: 'delayed' }, new Date(), { silent: true });

    await expect(lookup.findFresh('MU5137', date, later(10_000))).resolves.toMatchObject({ status: 'scheduled' });
    expect(await stored('MU5137', date)).toMatchObject([{ status: 'scheduled', provider_revision: 0 }]);

    await expect(lookup.findFresh('MU5137', date, later(70_000))).resolves.toMatchObject({ status: 'delayed' });
    expect(await stored('MU5137', date)).toMatchObject([{ status: 'delayed', provider_revision: 1 }]);
  });

  it('a flight the provider does not know is FLIGHT_NOT_FOUND and nothing is stored', async () => {
    const date = beijingDateIn(3);
    const before = await snapshot(medium.db, `SELECT * FROM flights ORDER BY id`);

    await expect(lookup.findFresh('ZZ9999', date)).rejects.toMatchObject({ code: 'FLIGHT_NOT_FOUND' });

    expect(await snapshot(medium.db, `SELECT * FROM flights ORDER BY id`)).toBe(before);
  });

  it('the provider unreachable: FLIGHT_DATA_UNAVAILABLE without a copy, the stale copy when there is one', async () => {
    const date = beijingDateIn(5);
    const before = await snapshot(medium.db, `SELECT * FROM flights ORDER BY id`);

    await expect(offline.findFresh('FM9101', date)).rejects.toMatchObject({ code: 'FLIGHT_DATA_UNAVAILABLE' });
    expect(await snapshot(medium.db, `SELECT * FROM flights ORDER BY id`)).toBe(before);

    await lookup.findFresh('FM9101', date);
    await expect(offline.findFresh('FM9101', date, later(5 * 60_000))).resolves.toMatchObject({
      flight_no: 'FM9101',
      status: 'scheduled',
    });
  });

  it("the day's schedule is listed with why a flight can no longer be bought", async () => {
    const date = beijingDateIn(6);
    medium.sim.flights.apply('CA1501', date, { status: 'cancelled' }, new Date(), { silent: true });

    const options = await lookup.search(date);

    expect(options.map((option) => option.flightNo).sort()).toEqual(
      medium.sim.flights
        .list(date)
        .map((flight) => flight.flightNo)
        .sort(),
    );
    expect(options.find((option) => option.flightNo === 'CA1501')!.saleStop).toEqual({
      code: expect.any(String),
      reason: expect.any(String),
    });
    expect(options.find((option) => option.flightNo === 'MU5183')!.saleStop).toBeNull();
  });
});
