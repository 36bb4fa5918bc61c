import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { AccrueHeatClaimsUseCase } from '../../src/modules/claim/accrue-heat-claims.use-case.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { IngestWeatherReadingUseCase } from '../../src/modules/weather/ingest-weather-reading.use-case.js';
import { SettleHeatDayUseCase } from '../../src/modules/weather/settle-heat-day.use-case.js';
import type { SettleRainDayUseCase } from '../../src/modules/weather/settle-rain-day.use-case.js';
import { SweepWeatherUseCase } from '../../src/modules/weather/sweep-weather.use-case.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { WEATHER_QUEUES } from '../../src/modules/weather/weather.queues.js';
import {
  addCustomer,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Medium,
} from '../support/medium.js';

/**
 * SweepWeatherUseCase on a real PostgreSQL, the business clock moved as the simulator allows: it
 * asks for the settlement of each city-day whose daily maximum is in once 08:00 the next morning
 * (Beijing) has passed and that is not settled yet, and closes weather policies whose cover is over
 * (RAIN the day after its visit, HEAT37 a few days after its season), each once. Readings come in
 * through IngestWeatherReadingUseCase from the simulated provider, policies through order
 * settlement, a day is settled by SettleHeatDayUseCase.
 */
describe('SweepWeatherUseCase', () => {
  let medium: Medium;
  let sweep: SweepWeatherUseCase;
  let ingest: IngestWeatherReadingUseCase;
  let settleHeat: SettleHeatDayUseCase;
  let city: { code: string; station_id: string };

  beforeAll(async () => {
    medium = await openMedium();
    const places = new WeatherPlaces(medium.dataSource);
    sweep = new SweepWeatherUseCase(
      medium.unitOfWork,
      medium.clock,
      new CloseEndedCoverUseCase(new PolicyRepository()),
    );
    // Daily maxima only: RAIN's hourly evaluation is never reached.
    ingest = new IngestWeatherReadingUseCase(
      medium.unitOfWork,
      places,
      medium.clock,
      null as unknown as SettleRainDayUseCase,
    );
    settleHeat = new SettleHeatDayUseCase(
      medium.dataSource,
      places,
      medium.clock,
      medium.queue,
      new AccrueHeatClaimsUseCase(new ClaimRepository()),
    );
    city = (await medium.db.query(`SELECT code, station_id FROM weather_places WHERE kind = 'city' AND code = 'wuhan'`))
      .rows[0];
  });
  afterEach(() => {
    medium.clock.travelTo(new Date());
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** The business clock at `time` Beijing on `day`. */
  const at = (day: string, time: string) => medium.clock.travelTo(new Date(`${day}T${time}:00+08:00`));
  /** The provider's daily maximum of the city for `day`, ingested as pushed. */
  const reading = async (day: string) => {
    await ingest.execute(medium.sim.weather.dailyMax(city.station_id, day), 'push');
  };
  const settlementsAsked = (jobsBefore: number, day: string) =>
    medium.jobs
      .slice(jobsBefore)
      .filter(
        (job) =>
          job.queue === WEATHER_QUEUES.settleHeatDay &&
          (job.data as { placeCode: string; day: string }).day === day &&
          (job.data as { placeCode: string }).placeCode === city.code,
      ).length;

  it("asks for a city-day's settlement once 08:00 the next morning has passed, not before", async () => {
    const day = '2026-06-10';
    at('2026-06-11', '07:30');
    await reading(day);

    let jobsBefore = medium.jobs.length;
    await sweep.execute();
    expect(settlementsAsked(jobsBefore, day)).toBe(0);

    at('2026-06-11', '08:05');
    jobsBefore = medium.jobs.length;
    await sweep.execute();
    expect(settlementsAsked(jobsBefore, day)).toBe(1);
  });

  it('a city-day already settled is not asked for again; one not settled yet is asked for at each sweep', async () => {
    const settled = '2026-06-20';
    const waiting = '2026-06-21';
    at('2026-06-22', '09:00');
    await reading(settled);
    await reading(waiting);
    await expect(settleHeat.settle(city.code, settled)).resolves.toMatchObject({ status: expect.any(String) });
    const { rows } = await medium.db.query(
      `SELECT finished_at IS NOT NULL AS finished FROM heat_settlements WHERE place_code = $1 AND day = $2`,
      [city.code, settled],
    );
    expect(rows).toEqual([{ finished: true }]);

    for (let round = 0; round < 2; round += 1) {
      const jobsBefore = medium.jobs.length;
      await sweep.execute();
      expect([settlementsAsked(jobsBefore, settled), settlementsAsked(jobsBefore, waiting)]).toEqual([0, 1]);
    }
  });

  it('closes a RAIN policy the day after its visit and a HEAT37 one after its season, each once', async () => {
    const visit = new Date(Date.now() + 3 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const season = new Date().getUTCFullYear() + 1;
    const rain = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'RAIN',
      place: { code: 'xihu', units: 1, coverEndDate: visit },
      amountFen: 300,
      payoutFen: 1000,
    });
    const heat = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'HEAT37',
      place: { code: 'wuhan', units: 1, coverEndDate: `${season}-08-31` },
      amountFen: 450,
      payoutFen: 20000,
    });
    for (const order of [rain, heat])
      await expect(settlementOf(medium).execute(paymentOf(medium, order), null)).resolves.toBe('issued');
    const statuses = async () =>
      (
        await medium.db.query<{ order_id: string; status: string }>(
          `SELECT order_id, status FROM policies WHERE order_id = ANY($1::uuid[])`,
          [[rain.id, heat.id]],
        )
      ).rows.reduce<Record<string, string>>(
        (all, row) => ({ ...all, [row.order_id === rain.id ? 'rain' : 'heat']: row.status }),
        {},
      );

    // The visit day itself: RAIN is still covered.
    at(visit, '23:00');
    await expect(sweep.execute()).resolves.toMatchObject({ closed: 0 });
    expect(await statuses()).toEqual({ rain: 'active', heat: 'active' });

    const nextDay = new Date(Date.parse(`${visit}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    at(nextDay, '00:30');
    await expect(sweep.execute()).resolves.toMatchObject({ closed: 1 });
    expect(await statuses()).toEqual({ rain: 'expired', heat: 'active' });
    const once = await snapshot(medium.db, `SELECT * FROM policies WHERE order_id = $1`, [rain.id]);
    await expect(sweep.execute()).resolves.toMatchObject({ closed: 0 });
    expect(await snapshot(medium.db, `SELECT * FROM policies WHERE order_id = $1`, [rain.id])).toBe(once);

    // HEAT37 stays open a few days after 08-31 for a late reading.
    at(`${season}-09-02`, '12:00');
    await sweep.execute();
    expect(await statuses()).toEqual({ rain: 'expired', heat: 'active' });
    at(`${season}-09-10`, '12:00');
    await expect(sweep.execute()).resolves.toMatchObject({ closed: 1 });
    expect(await statuses()).toEqual({ rain: 'expired', heat: 'expired' });
  });
});
