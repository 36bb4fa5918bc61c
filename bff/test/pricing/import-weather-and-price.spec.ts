import 'reflect-metadata';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { addCalendarDays, ceilToFen, ceilToYuan, type HeatTerms, type RainTerms } from '@xiaoan/shared';
import { createDataSource } from '../../src/core/database/data-source.factory.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ImportWeatherHistoryUseCase } from '../../src/modules/pricing/weather/import-weather-history.use-case.js';
import { WeatherPricingService } from '../../src/modules/pricing/weather/weather-pricing.service.js';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../support/isolated-database.js';

/** One CSV line: station, date, tmax °C, window rain mm ('' = not observed). */
type Line = [station: string, date: string, tmax: string, precipitation: string];
const HEADER = 'station,date,tmax,precipitation';
const toCsv = (lines: readonly Line[]): string => [HEADER, ...lines.map((line) => line.join(','))].join('\n') + '\n';
const daysFrom = (start: string, end: string): string[] => {
  const days: string[] = [];
  for (let day = start; day <= end; day = addCalendarDays(day, 1)) days.push(day);
  return days;
};

/**
 * A hot city, station T-HOT. Seasons 2014-2025 are complete (every day 06-01…09-30 on record) with
 * exactly `HOT_DAYS[i]` days at 37.0 from 07-10 on, a 36.9 day that is not hot, and 41.0 days
 * just outside the season (06-20, 09-01) that must not count. 2013 has only every other day on
 * record (50 %), all hot: it must be left out. 2026, the cover year, is hot every day of July.
 */
const HOT_DAYS = [0, 2, 3, 4, 5, 8, 13, 23, 30, 3, 6, 7];
const FIRST_SEASON = 2014;
const hotCityHistory = (): Line[] => {
  const lines: Line[] = [];
  HOT_DAYS.forEach((hotDays, index) => {
    const year = FIRST_SEASON + index;
    const hot = new Set(daysFrom(`${year}-07-10`, addCalendarDays(`${year}-07-10`, hotDays - 1)));
    for (const day of daysFrom(`${year}-06-01`, `${year}-09-30`)) {
      const outside = day === `${year}-06-20` || day === `${year}-09-01`;
      const tmax = hot.has(day) ? '37.0' : outside ? '41.0' : day === `${year}-07-05` ? '36.9' : '30.0';
      lines.push(['T-HOT', day, tmax, '0']);
    }
  });
  daysFrom('2013-06-21', '2013-08-31').forEach((day, index) =>
    lines.push(['T-HOT', day, index % 2 === 0 ? '38.0' : '', '0']),
  );
  for (const day of daysFrom('2026-06-21', '2026-07-31')) lines.push(['T-HOT', day, '39.0', '0']);
  return lines;
};

/**
 * A scenic spot, station T-RAIN, 2016-2025. July: 8 wet days (5.0 mm), one at exactly 2.0 mm (pays),
 * one at 1.9 mm (does not), one unmeasured, the rest dry: 9 of 30 measured days a year pay.
 * August: 3 wet days of 31. No December on record.
 */
const rainySpotHistory = (): Line[] => {
  const lines: Line[] = [];
  for (let year = 2016; year <= 2025; year += 1) {
    daysFrom(`${year}-07-01`, `${year}-07-31`).forEach((day, index) => {
      const rain = index < 8 ? '5.0' : index === 8 ? '2.0' : index === 9 ? '1.9' : index === 10 ? '' : '0';
      lines.push(['T-RAIN', day, '', rain]);
    });
    daysFrom(`${year}-08-01`, `${year}-08-31`).forEach((day, index) =>
      lines.push(['T-RAIN', day, '', index < 3 ? '10.0' : '0.0']),
    );
  }
  return lines;
};

/** Heat payout per unit in yuan, written out as products.md §2 states it. */
const payoutYuan = (hotDays: number, deductible: number): number =>
  Math.min(100, 5 * Math.max(0, hotDays - deductible));

let database: IsolatedDatabase;
let dataSource: DataSource;
let pricing: WeatherPricingService;
let importer: ImportWeatherHistoryUseCase;
let heat: HeatTerms;
let rain: RainTerms;
/** The hot city and the rainy spot, imported once for the whole suite. */
let firstImport: Awaited<ReturnType<ImportWeatherHistoryUseCase['execute']>>;

const tableSnapshot = async (): Promise<unknown[]> =>
  dataSource.query(
    `SELECT station_id, day::text, tmax_tenths, precip_tenths FROM weather_history ORDER BY station_id, day`,
  );
const countRows = async (station?: string): Promise<number> => {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS n FROM weather_history WHERE $1::text IS NULL OR station_id = $1`,
    [station ?? null],
  )) as [{ n: number }];
  return row.n;
};

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: the jest global setup did not run');
  database = await cloneTemplateDatabase(process.env.DATABASE_URL);
  dataSource = createDataSource({ url: database.url, poolSize: 4, applicationName: 'weather-pricing-spec' });
  await dataSource.initialize();
  const versions = new ProductVersionCache(dataSource);
  heat = (await versions.currentFor('HEAT37'))!.terms as HeatTerms;
  rain = (await versions.currentFor('RAIN'))!.terms as RainTerms;
  firstImport = await new ImportWeatherHistoryUseCase(dataSource).execute(
    Readable.from([toCsv([...hotCityHistory(), ...rainySpotHistory()])]),
  );
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

beforeEach(() => {
  // Each test builds its own service and importer, wired as PricingModule wires them.
  pricing = new WeatherPricingService(dataSource);
  importer = new ImportWeatherHistoryUseCase(dataSource, pricing);
});

describe('importing weather history and pricing HEAT37 and RAIN from it', () => {
  it('prices from the launch versions the catalogue seeds (the figures below assume them)', () => {
    expect(heat).toMatchObject({
      thresholdCelsius: 37,
      tickPerUnitFen: 500,
      capPerUnitFen: 10_000,
      uncertaintyLoading: 0.15,
      targetLossRatio: 0.65,
      minHistorySeasons: 10,
      seasonStart: '06-21',
      seasonEnd: '08-31',
    });
    expect(rain).toMatchObject({
      thresholdMm: 2,
      windowStart: '09:00',
      windowEnd: '17:00',
      payoutPerPersonFen: 1000,
      targetLossRatio: 0.65,
      minPremiumFen: 100,
    });
  });

  it('imports a station file and reports its rows, stations and dates', async () => {
    const result = firstImport;
    const expectedRows = HOT_DAYS.length * 122 + 72 + 41 + 10 * 62;
    expect(result).toEqual({
      status: 'imported',
      rows: expectedRows,
      stations: 2,
      from: '2013-06-21',
      to: '2026-07-31',
      rejected: [],
      rejectedCount: 0,
    });
    expect(await countRows()).toBe(expectedRows);
  });

  it('prices a season from the mean payout of twelve past seasons, loaded, over the loss ratio, up to the yuan', async () => {
    const price = await pricing.priceHeat({
      stationId: 'T-HOT',
      terms: heat,
      deductibleDays: 3,
      cover: { start: '2026-06-21', end: '2026-08-31' },
    });
    // Payouts 0,0,0,5,10,25,50,100,100,0,15,20 yuan: 325 / 12 = 27.083 yuan; × 1.15 / 0.65 = 47.92 → 48 yuan.
    const meanFen = (HOT_DAYS.reduce((sum, hotDays) => sum + payoutYuan(hotDays, 3), 0) * 100) / HOT_DAYS.length;
    expect(meanFen).toBeCloseTo(2708.33, 2);
    expect(price).toEqual({
      status: 'priced',
      premiumPerUnitFen: ceilToYuan((meanFen * 1.15) / 0.65),
      expectedPayoutPerUnitFen: meanFen,
      seasonsUsed: 12,
    });
    expect(price.status === 'priced' && price.premiumPerUnitFen).toBe(4800);
  });

  it("slices each past season to the cover's stretch and never counts the cover's own year", async () => {
    // 07-01…07-31: hot days from 07-10 are capped at 22 that month. 2026 (hot all July) is the cover year.
    const price = await pricing.priceHeat({
      stationId: 'T-HOT',
      terms: heat,
      deductibleDays: 3,
      cover: { start: '2026-07-01', end: '2026-07-31' },
    });
    const meanFen =
      (HOT_DAYS.reduce((sum, hotDays) => sum + payoutYuan(Math.min(hotDays, 22), 3), 0) * 100) / HOT_DAYS.length;
    expect(price).toEqual({
      status: 'priced',
      premiumPerUnitFen: 4700,
      expectedPayoutPerUnitFen: meanFen,
      seasonsUsed: 12,
    });
    expect(ceilToYuan((meanFen * 1.15) / 0.65)).toBe(4700);
  });

  it("a city's higher deductible lowers its price", async () => {
    const cover = { start: '2026-06-21', end: '2026-08-31' };
    const at3 = await pricing.priceHeat({ stationId: 'T-HOT', terms: heat, deductibleDays: 3, cover });
    const at10 = await pricing.priceHeat({ stationId: 'T-HOT', terms: heat, deductibleDays: 10, cover });
    // Payouts at 10: 0,0,0,0,0,0,15,65,100,0,0,0 = 180 / 12 = 15 yuan; × 1.15 / 0.65 = 26.54 → 27 yuan.
    expect(at10).toMatchObject({ status: 'priced', premiumPerUnitFen: 2700, expectedPayoutPerUnitFen: 1500 });
    expect(at3.status === 'priced' && at3.premiumPerUnitFen).toBeGreaterThan(2700);
  });

  it('declines a cover with fewer than ten past seasons before its year', async () => {
    // In 2023 only 2014-2022 are history: nine seasons.
    const price = await pricing.priceHeat({
      stationId: 'T-HOT',
      terms: heat,
      deductibleDays: 3,
      cover: { start: '2023-06-21', end: '2023-08-31' },
    });
    expect(price).toEqual({
      status: 'declined',
      reason: 'INSUFFICIENT_HISTORY',
      expectedPayoutPerUnitFen: null,
      seasonsUsed: 9,
    });
    const unknown = await pricing.priceHeat({
      stationId: 'NOWHERE',
      terms: heat,
      deductibleDays: 3,
      cover: { start: '2026-06-21', end: '2026-08-31' },
    });
    expect(unknown).toEqual({
      status: 'declined',
      reason: 'INSUFFICIENT_HISTORY',
      expectedPayoutPerUnitFen: null,
      seasonsUsed: 0,
    });
  });

  it('gives the city picker the mean hot days of the complete seasons, or nothing without enough of them', async () => {
    expect(await pricing.averageHotDays('T-HOT', heat)).toBeCloseTo(104 / 12, 10);
    expect(await pricing.averageHotDays('T-RAIN', heat)).toBeNull();
    expect(await pricing.averageHotDays('NOWHERE', heat)).toBeNull();
  });

  it("prices a rain day from the share of the month's past days whose window rain reached 2.0 mm", async () => {
    // July: 9 of 30 measured days a year → p = 90 / 300 = 0.3; 10 yuan × 2 × 0.3 / 0.65 = 923.08 fen → 924.
    const july = await pricing.priceRain({ stationId: 'T-RAIN', visitDate: '2026-07-18', persons: 2, terms: rain });
    expect(july).toEqual({ status: 'priced', premiumFen: 924, probability: 0.3, daysObserved: 300 });
    // August: 30 of 310 → 10 yuan × 30 / 310 / 0.65 = 148.88 fen → 149.
    const august = await pricing.priceRain({ stationId: 'T-RAIN', visitDate: '2026-08-02', persons: 1, terms: rain });
    expect(august).toEqual({
      status: 'priced',
      premiumFen: ceilToFen((1000 * 30) / 310 / 0.65),
      probability: 30 / 310,
      daysObserved: 310,
    });
    expect(august.status === 'priced' && august.premiumFen).toBe(149);
    // The hot city never rains: the 1-yuan minimum.
    const dry = await pricing.priceRain({ stationId: 'T-HOT', visitDate: '2026-07-18', persons: 1, terms: rain });
    expect(dry).toMatchObject({ status: 'priced', premiumFen: 100, probability: 0 });
  });

  it('declines a rain day in a month the spot has no history for', async () => {
    expect(await pricing.priceRain({ stationId: 'T-RAIN', visitDate: '2026-12-24', persons: 1, terms: rain })).toEqual({
      status: 'declined',
      reason: 'INSUFFICIENT_HISTORY',
      probability: null,
      daysObserved: 0,
    });
  });

  it('refuses to price a rain window the history does not measure', async () => {
    await expect(
      pricing.priceRain({
        stationId: 'T-RAIN',
        visitDate: '2026-07-18',
        persons: 1,
        terms: { ...rain, windowStart: '08:00' },
      }),
    ).rejects.toThrow('cannot be priced from it');
  });

  it('importing the same file again leaves the table exactly as it was, without rewriting a row', async () => {
    const csv = toCsv([...hotCityHistory(), ...rainySpotHistory()]);
    const before = await tableSnapshot();
    const versionsBefore = await dataSource.query(`SELECT xmin::text FROM weather_history ORDER BY station_id, day`);
    const again = await importer.execute(csv);
    expect(again).toMatchObject({ status: 'imported', rejectedCount: 0 });
    expect(await tableSnapshot()).toEqual(before);
    expect(await dataSource.query(`SELECT xmin::text FROM weather_history ORDER BY station_id, day`)).toEqual(
      versionsBefore,
    );
  });

  it('a later file corrects a station-day, and within a file the last line for a day wins', async () => {
    const result = await importer.execute(
      toCsv([
        ['T-FIX', '2020-07-01', '35.0', '1.0'],
        ['T-FIX', '2020-07-02', '36.0', ''],
        ['T-FIX', '2020-07-01', '38.5', '0.0'],
      ]),
    );
    expect(result).toMatchObject({ status: 'imported', rows: 3, stations: 1 });
    await importer.execute(toCsv([['T-FIX', '2020-07-02', '', '3.2']]));
    expect(
      await dataSource.query(
        `SELECT day::text, tmax_tenths, precip_tenths FROM weather_history WHERE station_id = 'T-FIX' ORDER BY day`,
      ),
    ).toEqual([
      { day: '2020-07-01', tmax_tenths: 385, precip_tenths: 0 },
      { day: '2020-07-02', tmax_tenths: null, precip_tenths: 32 },
    ]);
  });

  it('imports a file larger than one batch, duplicates across batches included', async () => {
    const lines: Line[] = daysFrom('1990-01-01', '2022-11-08').map((day, index) => [
      'T-BULK',
      day,
      String((index % 400) / 10),
      '0.1',
    ]);
    expect(lines.length).toBe(12_000);
    lines.push(['T-BULK', '1990-01-01', '12.3', '4.5']);
    const result = await importer.execute(Readable.from([toCsv(lines)]));
    expect(result).toMatchObject({
      status: 'imported',
      rows: lines.length,
      stations: 1,
      from: '1990-01-01',
      to: '2022-11-08',
    });
    expect(await countRows('T-BULK')).toBe(lines.length - 1);
    expect(
      await dataSource.query(
        `SELECT tmax_tenths, precip_tenths FROM weather_history WHERE station_id = 'T-BULK' AND day = '1990-01-01'`,
      ),
    ).toEqual([{ tmax_tenths: 123, precip_tenths: 45 }]);
  });

  it('imports a file with 1 % bad lines, skipping them and naming their lines', async () => {
    const lines: Line[] = daysFrom('2019-01-01', '2019-07-19').map((day) => ['T-SOME', day, '25.0', '0']);
    expect(lines.length).toBe(200);
    lines[49] = ['T-SOME', '2019-02-19', 'hot', '0'];
    lines[149] = ['T-SOME', '2019-05-30', '25.0', '-3'];
    const result = await importer.execute(toCsv(lines));
    expect(result).toEqual({
      status: 'imported',
      rows: 198,
      stations: 1,
      from: '2019-01-01',
      to: '2019-07-19',
      rejected: [
        // The header is line 1: the 50th data line is line 51.
        { line: 51, reason: 'tmax must be a number of °C, got "hot"' },
        { line: 151, reason: 'precipitation cannot be negative, got "-3"' },
      ],
      rejectedCount: 2,
    });
    expect(await countRows('T-SOME')).toBe(198);
  });

  it('imports nothing from a file with more than 1 % bad lines, and says why', async () => {
    const lines: Line[] = daysFrom('2018-01-01', '2018-07-19').map((day) => ['T-BAD', day, '25.0', '0']);
    for (const index of [10, 20, 30]) lines[index] = ['T-BAD', lines[index]![1], '99.9', '0'];
    const result = await importer.execute(toCsv(lines));
    expect(result).toMatchObject({
      status: 'refused',
      reason: '3 of 200 lines rejected (1.5 %, more than 1 %); nothing was imported',
      rows: 197,
      rejectedCount: 3,
      rejected: [12, 22, 32].map((line) => ({ line, reason: 'tmax must be between -60 and 60 °C, got "99.9"' })),
    });
    expect(await countRows('T-BAD')).toBe(0);
  });

  it('lists the first 20 bad lines of a refused file and counts the rest', async () => {
    const lines: Line[] = Array.from({ length: 30 }, (_, i) => [
      'T-JUNK',
      `2018-13-${String(i + 1).padStart(2, '0')}`,
      '1',
      '1',
    ]);
    const result = await importer.execute(toCsv(lines));
    expect(result.status).toBe('refused');
    expect(result.rejected).toHaveLength(20);
    expect(result.rejected[19]).toEqual({ line: 21, reason: 'no such date: "2018-13-20"' });
    expect(result.rejectedCount).toBe(30);
  });

  it('imports nothing from a file without the header, or one that breaks off mid-way', async () => {
    const noHeader = await importer.execute('T-NOHEAD,2018-01-01,1,1\n');
    expect(noHeader).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('line 1: expected the header'),
    });
    const broken = await importer.execute(`${HEADER}\nT-BROKEN,2018-01-01,1,1\n"T-BROKEN,2018-01-02,1,1\n`);
    expect(broken).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/^line \d+: .*nothing was imported$/),
    });
    expect(await countRows('T-NOHEAD')).toBe(0);
    expect(await countRows('T-BROKEN')).toBe(0);
  });

  it('an import shows in the next quote at once, through the cache', async () => {
    const visit = { stationId: 'T-WET', visitDate: '2027-06-10', persons: 1, terms: rain };
    const dryJune: Line[] = daysFrom('2020-06-01', '2020-06-30').map((day) => ['T-WET', day, '', '0']);
    await importer.execute(toCsv(dryJune));
    expect(await pricing.priceRain(visit)).toMatchObject({ probability: 0, daysObserved: 30 });
    await importer.execute(toCsv(dryJune.map(([station, day]) => [station, day, '', '12.5'])));
    expect(await pricing.priceRain(visit)).toMatchObject({ probability: 1, daysObserved: 30 });
  });
});
