import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WeatherReadingEvent } from '@xiaoan/shared';
import { WeatherDataClient } from '../../src/integrations/weather-data/weather-data.client.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ApproveRainClaimsUseCase } from '../../src/modules/claim/approve-rain-claims.use-case.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { IngestWeatherReadingUseCase } from '../../src/modules/weather/ingest-weather-reading.use-case.js';
import { PullWeatherObservationsUseCase } from '../../src/modules/weather/pull-weather-observations.use-case.js';
import { SettleRainDayUseCase } from '../../src/modules/weather/settle-rain-day.use-case.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { WEATHER_QUEUES } from '../../src/modules/weather/weather.queues.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * PullWeatherObservationsUseCase on a real PostgreSQL and the simulated weather provider over real
 * HTTP (the pull API): a day's observations are ingested as `poll` readings, each once (a second
 * pull is duplicates and changes nothing), a provider's correction is applied, hours that have not
 * ended are left for the next pull, and a provider that cannot answer changes nothing. Each test
 * pulls a day of its own.
 */
describe('PullWeatherObservationsUseCase', () => {
  let medium: Medium;
  let pull: PullWeatherObservationsUseCase;
  let places: { code: string; kind: string; station_id: string }[];

  beforeAll(async () => {
    medium = await openMedium();
    const { dataSource, clock } = medium;
    const ingest = new IngestWeatherReadingUseCase(
      medium.unitOfWork,
      new WeatherPlaces(dataSource),
      clock,
      new SettleRainDayUseCase(
        new ProductVersionCache(dataSource),
        clock,
        new ApproveRainClaimsUseCase(new ClaimRepository()),
        new CloseEndedCoverUseCase(new PolicyRepository()),
      ),
    );
    pull = new PullWeatherObservationsUseCase(new WeatherDataClient(medium.integrations.weatherData), ingest, clock);
    places = (await medium.db.query(`SELECT code, kind, station_id FROM weather_places ORDER BY code`)).rows;
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** What the provider reports for `date` (its pull API, asked directly). */
  const providerDay = (date: string): WeatherReadingEvent[] => medium.sim.weather.observations(date).readings;
  /** Everything the BFF holds of `date`'s weather: for "nothing changed" checks. */
  const weatherOf = (date: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT json_agg(r ORDER BY r.event_id) FROM weather_readings r WHERE r.reading_date = $1) AS readings,
              (SELECT json_agg(m ORDER BY m.station_id) FROM weather_daily_max m WHERE m.reading_date = $1) AS daily,
              (SELECT json_agg(h ORDER BY h.station_id, h.hour_start) FROM weather_hourly_precip h WHERE h.reading_date = $1) AS hourly`,
      [date],
    );
  const storedReadings = async (date: string) =>
    (
      await medium.db.query<{ event_id: string; source: string }>(
        `SELECT event_id, source FROM weather_readings WHERE reading_date = $1 ORDER BY event_id`,
        [date],
      )
    ).rows;
  const dailyMaxOf = async (date: string) =>
    (
      await medium.db.query<{ station_id: string; tmax_hundredths: number }>(
        `SELECT station_id, tmax_hundredths FROM weather_daily_max WHERE reading_date = $1 ORDER BY station_id`,
        [date],
      )
    ).rows;
  const cities = () => places.filter((place) => place.kind === 'city');

  it("pulling a past day stores each of its readings once, as polled, and asks for each city's settlement", async () => {
    const day = '2026-07-10';
    const reported = providerDay(day);
    const jobsBefore = medium.jobs.length;

    const counts = await pull.execute(day);

    expect(Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0)).toBe(reported.length);
    expect(counts.not_yet).toBeUndefined();
    expect(counts.applied).toBeGreaterThan(0);
    expect(await storedReadings(day)).toEqual(
      reported
        .map((reading) => ({ event_id: reading.eventId, source: 'poll' }))
        .sort((a, b) => (a.event_id < b.event_id ? -1 : 1)),
    );
    const dailyMax = reported.filter((reading) => reading.kind === 'daily_max');
    expect(await dailyMaxOf(day)).toEqual(
      dailyMax
        .filter((reading) => places.some((place) => place.station_id === reading.stationId))
        .map((reading) => ({
          station_id: reading.stationId,
          tmax_hundredths: Math.round(reading.kind === 'daily_max' ? reading.tmaxCelsius * 100 : 0),
        }))
        .sort((a, b) => (a.station_id < b.station_id ? -1 : 1)),
    );
    expect(
      medium.jobs
        .slice(jobsBefore)
        .filter((job) => job.queue === WEATHER_QUEUES.settleHeatDay)
        .map((job) => job.data)
        .sort((a, b) => ((a as { placeCode: string }).placeCode < (b as { placeCode: string }).placeCode ? -1 : 1)),
    ).toEqual(cities().map((city) => ({ placeCode: city.code, day })));
  });

  it('pulling the same day again finds only duplicates and changes nothing', async () => {
    const day = '2026-07-11';
    await pull.execute(day);
    const once = await weatherOf(day);
    const jobsBefore = medium.jobs.length;

    await expect(pull.execute(day)).resolves.toEqual({ duplicate: providerDay(day).length });

    expect(await weatherOf(day)).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it("a provider's correction of a daily maximum is applied on the next pull, the rest being duplicates", async () => {
    const day = '2026-07-12';
    const city = cities()[0]!;
    await pull.execute(day);
    const jobsBefore = medium.jobs.length;
    await medium.sim.weather.setDailyMax({ stationId: city.station_id, date: day, tmaxCelsius: 38.4, push: false });

    await expect(pull.execute(day)).resolves.toEqual({ duplicate: providerDay(day).length - 1, applied: 1 });

    expect((await dailyMaxOf(day)).find((row) => row.station_id === city.station_id)).toEqual({
      station_id: city.station_id,
      tmax_hundredths: 3840,
    });
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: WEATHER_QUEUES.settleHeatDay, data: { placeCode: city.code, day } },
    ]);
  });

  it('readings whose hour or day has not ended yet are left for the next pull', async () => {
    const now = medium.clock.now();
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const reported = providerDay(today);
    const ended = reported.filter((reading) =>
      reading.kind === 'daily_max' ? false : Date.parse(reading.hourStart) + 3600_000 <= now.getTime(),
    );

    const counts = await pull.execute(today);

    // The day's maxima never end before the day does; the hours after now wait.
    expect(counts.not_yet).toBeGreaterThanOrEqual(reported.length - ended.length);
    const stored = await storedReadings(today);
    expect(stored.length).toBeLessThanOrEqual(ended.length);
    expect(stored.length).toBe(reported.length - counts.not_yet!);
    expect(await dailyMaxOf(today)).toEqual([]);
  });

  it('when the provider cannot answer, the pull fails and nothing is stored', async () => {
    const day = '2026-07-13';
    const before = await weatherOf(day);
    const jobsBefore = medium.jobs.length;
    medium.sim.weather.failPulls({ status: 503, times: 5 });
    try {
      await expect(pull.execute(day)).rejects.toThrow();
    } finally {
      medium.sim.weather.clearPullFaults();
    }

    expect(await weatherOf(day)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('without a date, it pulls yesterday and today (Beijing)', async () => {
    const now = medium.clock.now();
    const beijing = (offsetDays: number) =>
      new Date(now.getTime() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

    const counts = await pull.execute();

    const yesterday = providerDay(beijing(-1));
    expect((await storedReadings(beijing(-1))).map((row) => row.event_id).sort()).toEqual(
      yesterday.map((reading) => reading.eventId).sort(),
    );
    expect(Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0)).toBe(
      yesterday.length + providerDay(beijing(0)).length,
    );
  });
});
