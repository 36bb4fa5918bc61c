import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FlightDataClient } from '../../src/integrations/flight-data/flight-data.client.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { FindStoredFlightUseCase } from '../../src/modules/flight/find-stored-flight.use-case.js';
import { FlightRepository } from '../../src/modules/flight/flight.repository.js';
import { LookupFlightsUseCase } from '../../src/modules/flight/lookup-flights.use-case.js';
import { beijingDateIn } from '../support/customer.js';
import { openMedium, type Medium } from '../support/medium.js';

/**
 * FindStoredFlightUseCase on a real PostgreSQL: our stored copy of a flight (stored from the
 * simulated provider by LookupFlightsUseCase), by id or by number and date, as last pulled, never
 * asking the provider: a change at the provider is not seen, a flight never stored is not found.
 */
describe('FindStoredFlightUseCase', () => {
  let medium: Medium;
  let find: FindStoredFlightUseCase;
  let lookup: LookupFlightsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const flights = new FlightRepository(medium.dataSource);
    find = new FindStoredFlightUseCase(flights);
    lookup = new LookupFlightsUseCase(
      new FlightDataClient(medium.integrations.flightData),
      flights,
      new ProductVersionCache(medium.dataSource),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  it('finds the stored copy by id and by number and date, as last pulled, whatever the provider says since', async () => {
    const date = beijingDateIn(3);
    const stored = await lookup.findFresh('HO1251', date);
    medium.sim.flights.apply('HO1251', date, { status: 'cancelled' }, new Date(), { silent: true });

    const byId = await find.byId(stored.id);
    const byNumber = await find.byNumber('HO1251', date);

    expect(byId).toMatchObject({ id: stored.id, flight_no: 'HO1251', flight_date: date, status: 'scheduled' });
    expect(byNumber).toEqual(byId);
  });

  it('a flight never stored is not found, by id or by number, and the provider is not asked for it', async () => {
    const date = beijingDateIn(4);

    await expect(find.byId('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    await expect(find.byNumber('CZ3099', date)).resolves.toBeUndefined();

    const { rows } = await medium.db.query(`SELECT count(*)::int AS n FROM flights WHERE flight_no = 'CZ3099'`);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
