import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source.factory.js';
import { recentOutcomesOf, type DailyOutcomeCounts } from '../../src/modules/pricing/domain/daily-outcomes.js';
import { ExperienceFactors, surgeLoadingOf } from '../../src/modules/pricing/domain/experience-factor.js';
import { emptyCounts } from '../../src/modules/pricing/domain/outcome-counts.js';
import { priceFlightDelay, type FlightDelayPricingTerms } from '../../src/modules/pricing/domain/price-flight-delay.js';
import { FlightOutcomeCountsRepository } from '../../src/modules/pricing/persistence/flight-outcome-counts.repository.js';
import { PricingModule } from '../../src/modules/pricing/pricing.module.js';
import { PricingService } from '../../src/modules/pricing/pricing.service.js';
import { createIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database.js';
import { levelCounts } from './flight-history.builder.js';

const EXPERIENCE = {
  windowDays: 7,
  halfLifeDays: 2,
  experienceK: 10,
  minFactor: 0.5,
  maxFactor: 3,
  levels: ['national', 'carrier'] as ('national' | 'carrier')[],
};
const FD120: FlightDelayPricingTerms = {
  delayThresholdMinutes: 120,
  paysOnCancellation: true,
  paysOnDiversion: true,
  credibilityK: 1000,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
};
const FD120_LIVE: FlightDelayPricingTerms = { ...FD120, experience: EXPERIENCE };
const RULE = { delayThresholdMinutes: 120, paysOnCancellation: true, paysOnDiversion: true } as const;

let isolated: IsolatedDatabase;

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => ({ ...dataSourceOptions({ url: isolated.url, poolSize: 4 }), migrationsRun: false }),
    }),
    PricingModule,
  ],
})
class LiveExperienceTestModule {}

const DAY_MS = 86_400_000;
const dayOf = (offset: number): string =>
  new Date(Date.parse('2026-07-01T00:00:00Z') + offset * DAY_MS).toISOString().slice(0, 10);
/** Noon in Beijing of a service day: when the quotes of these tests are sold. */
const noonOn = (day: string): Date => new Date(`${day}T04:00:00Z`);

describe('live quotes follow the recent delay level through the daily outcome counts', () => {
  let app: INestApplicationContext;
  let db: pg.Client;
  let pricing: PricingService;
  let outcomes: FlightOutcomeCountsRepository;
  let dataSource: DataSource;
  let nextFlight = 1000;

  /** A tracked flight that departed at 09:00 Beijing on `day` and ended as given; returns its id. */
  const finishedFlight = async (
    day: string,
    carrier: string,
    ended: { delayMinutes: number } | 'cancelled' | 'arrived-without-time',
  ) => {
    const departure = new Date(`${day}T01:00:00Z`);
    const arrival = new Date(departure.getTime() + 125 * 60_000);
    const status = ended === 'cancelled' ? 'cancelled' : 'arrived';
    const actualArrival = typeof ended === 'object' ? new Date(arrival.getTime() + ended.delayMinutes * 60_000) : null;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO flights (flight_no, flight_date, carrier_code, carrier_name, origin, destination, scheduled_departure, scheduled_arrival, status, actual_arrival)
       VALUES ($1, $2, $3, '测试航空', '{"code":"PEK","name":"北京首都国际机场","city":"北京"}', '{"code":"SHA","name":"上海虹桥国际机场","city":"上海"}', $4, $5, $6, $7)
       RETURNING id`,
      [`${carrier}${nextFlight++}`, day, carrier, departure, arrival, status, actualArrival],
    );
    return rows[0]!.id;
  };
  const record = (flightId: string) => outcomes.recordFinished(dataSource.manager, flightId);
  const quote = (carrier: string, soldOn: string, terms = FD120_LIVE) =>
    pricing.priceFlightDelay({
      carrier,
      flightNo: `${carrier}8`,
      origin: 'PEK',
      destination: 'SHA',
      scheduledDepartureLocal: { month: 7, hour: 9 },
      payoutFen: 40_000,
      terms,
      soldAt: noonOn(soldOn),
    });
  const probabilityOf = async (carrier: string, soldOn: string, terms = FD120_LIVE) => {
    const price = await quote(carrier, soldOn, terms);
    if (price.status !== 'priced') throw new Error(`declined: ${price.reason}`);
    return price;
  };

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: the jest global setup did not run');
    isolated = await createIsolatedDatabase();
    app = await NestFactory.createApplicationContext(LiveExperienceTestModule, { logger: false });
    pricing = app.get(PricingService);
    outcomes = app.get(FlightOutcomeCountsRepository);
    dataSource = app.get<DataSource>(getDataSourceToken());
    db = new pg.Client({ connectionString: isolated.url });
    await db.connect();
    // Days 0-6: XA and XB fly 20 flights a day each, on time. Days 7-8: XA's storm, 8 of 20 three hours late.
    for (let d = 0; d < 9; d += 1) {
      for (let i = 0; i < 20; i += 1) {
        await record(await finishedFlight(dayOf(d), 'XA', { delayMinutes: d >= 7 && i < 8 ? 180 : 5 }));
        await record(await finishedFlight(dayOf(d), 'XB', { delayMinutes: 5 }));
      }
    }
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
    await isolated?.drop();
  });

  it('counts each finished flight once per day, carrier, route and hour band, and no arrival without an arrival time', async () => {
    const { rows } = await db.query(
      `SELECT to_char(service_date, 'YYYY-MM-DD') AS day, n, n_delay_ge_120, n_delay_ge_180 FROM flight_outcome_daily_counts
        WHERE carrier = 'XA' AND origin = 'PEK' AND destination = 'SHA' AND hour_band = 6 ORDER BY service_date`,
    );
    expect(rows.map((row) => [row.day, row.n, row.n_delay_ge_120])).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6].map((d) => [dayOf(d), 20, 0]),
      [dayOf(7), 20, 8],
      [dayOf(8), 20, 8],
    ]);
    // A corrected final status (or a re-delivered event) does not count the flight again.
    const again = await finishedFlight(dayOf(8), 'XC', 'cancelled');
    expect(await record(again)).toBe(true);
    expect(await record(again)).toBe(false);
    expect(await record(await finishedFlight(dayOf(8), 'XC', 'arrived-without-time'))).toBe(false);
    const { rows: xc } = await db.query(`SELECT n, n_cancelled FROM flight_outcome_daily_counts WHERE carrier = 'XC'`);
    expect(xc).toEqual([{ n: 1, n_cancelled: 1 }]);
  });

  it('prices the carrier that just had a run of delays higher the next day, then lets it decay back as the run ages', async () => {
    const dayAfter = dayOf(9);
    const stormed = await probabilityOf('XA', dayAfter);
    const still = await probabilityOf('XA', dayAfter, FD120);
    const calmCarrier = await probabilityOf('XB', dayAfter);
    // Without history imported, every flight is priced at the seeded base rate, 3.5 %.
    expect(still.probability).toBeCloseTo(0.035, 6);
    expect(stormed.probability / still.probability).toBeGreaterThan(1.5);
    expect(stormed.premiumFen).toBeGreaterThan(still.premiumFen);
    // XB was on time all along: the national part moves it up a little, XA's own run much more.
    expect(calmCarrier.probability).toBeLessThan(stormed.probability);

    const decay = [];
    for (const later of [9, 11, 13, 15]) decay.push((await probabilityOf('XA', dayOf(later))).probability);
    for (let i = 1; i < decay.length; i += 1) expect(decay[i]!).toBeLessThan(decay[i - 1]!);
    // A week after the storm's last day it has left the 7-day window: back to the base rate.
    expect((await probabilityOf('XA', dayOf(16))).probability).toBeCloseTo(0.035, 6);
  });

  it('gives the same price as the pure functions the rolling backtest runs, fed the same daily counts', async () => {
    const dayAfter = dayOf(9);
    const rows: DailyOutcomeCounts[] = [];
    for (let d = 2; d < 9; d += 1) {
      for (const carrier of ['XA', 'XB']) {
        const counts = { ...emptyCounts(), n: 20, delayGe60: carrier === 'XA' && d >= 7 ? 8 : 0 };
        counts.delayGe90 = counts.delayGe60;
        counts.delayGe120 = counts.delayGe60;
        counts.delayGe180 = counts.delayGe60;
        rows.push({ serviceDate: dayOf(d), carrier, origin: 'PEK', destination: 'SHA', month: 7, hourBand: 6, counts });
      }
    }
    rows.push({
      serviceDate: dayOf(8),
      carrier: 'XC',
      origin: 'PEK',
      destination: 'SHA',
      month: 7,
      hourBand: 6,
      counts: { ...emptyCounts(), n: 1, cancelled: 1 },
    });
    const recent = recentOutcomesOf(rows, dayAfter, RULE, () => 0.035);
    const factor = new ExperienceFactors(EXPERIENCE, recent).factorFor({
      carrier: 'XA',
      origin: 'PEK',
      destination: 'SHA',
    }).factor;
    const pure = priceFlightDelay({
      counts: levelCounts(),
      baseRate: 0.035,
      payoutFen: 40_000,
      terms: FD120_LIVE,
      adjustments: { experienceFactor: factor },
    });
    const live = await probabilityOf('XA', dayAfter);
    expect(factor).toBeGreaterThan(1.5);
    expect(live.probability).toBeCloseTo(pure.probability!, 9);
    expect(live.premiumFen).toBe(pure.status === 'priced' ? pure.premiumFen : -1);
  });

  it('loads the premium, not the best estimate, with the excess of the fast factor over the slow one (surge loading)', async () => {
    const dayAfter = dayOf(9);
    const slowTerms = { ...EXPERIENCE, windowDays: 28, halfLifeDays: 14, experienceK: 100 };
    const terms: FlightDelayPricingTerms = {
      ...FD120,
      experience: slowTerms,
      surgeLoading: EXPERIENCE,
      hourBands: { k: 1000 },
    };
    const live = await probabilityOf('XA', dayAfter, terms);
    // The same days, through the pure functions: every group predicted at the base rate (nothing imported).
    const { rows } = await db.query<{
      day: string;
      carrier: string;
      n: number;
      n_delay_ge_120: number;
      n_cancelled: number;
      n_diverted: number;
    }>(
      `SELECT to_char(service_date, 'YYYY-MM-DD') AS day, carrier, n, n_delay_ge_120, n_cancelled, n_diverted
         FROM flight_outcome_daily_counts`,
    );
    const daily: DailyOutcomeCounts[] = rows.map((row) => ({
      serviceDate: row.day,
      carrier: row.carrier,
      origin: 'PEK',
      destination: 'SHA',
      month: 7,
      hourBand: 6,
      counts: {
        ...emptyCounts(),
        n: row.n,
        delayGe120: row.n_delay_ge_120,
        cancelled: row.n_cancelled,
        diverted: row.n_diverted,
      },
    }));
    const subject = { carrier: 'XA', origin: 'PEK', destination: 'SHA' };
    const slow = new ExperienceFactors(
      slowTerms,
      recentOutcomesOf(daily, dayAfter, RULE, () => 0.035),
    );
    const fast = new ExperienceFactors(
      EXPERIENCE,
      recentOutcomesOf(daily, dayAfter, RULE, () => 0.035),
    );
    const surge = surgeLoadingOf(slow, fast, EXPERIENCE.maxFactor, subject);
    const pure = priceFlightDelay({
      counts: levelCounts(),
      baseRate: 0.035,
      payoutFen: 40_000,
      terms,
      adjustments: { experienceFactor: slow.factorFor(subject).factor, surgeLoading: surge },
    });
    expect(surge).toBeGreaterThan(1.2);
    expect(live.probability).toBeCloseTo(pure.probability!, 9);
    expect(live.chargedProbability).toBeCloseTo(live.probability * surge, 9);
    expect(live.premiumFen).toBe(pure.status === 'priced' ? pure.premiumFen : -1);
    // The slow factor moves the best estimate less than the fast one would.
    expect(live.probability).toBeLessThan((await probabilityOf('XA', dayAfter)).probability);
  });
});
