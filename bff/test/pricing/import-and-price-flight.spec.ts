import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import { ceilToYuan } from '@xiaoan/shared';
import { dataSourceOptions } from '../../src/core/database/data-source.factory.js';
import { FlightStatisticsAggregate } from '../../src/modules/pricing/domain/flight-statistics-aggregate.js';
import { parseFlightHistoryRow } from '../../src/modules/pricing/domain/parse-flight-history-row.js';
import { priceFlightDelay, type FlightDelayPricingTerms } from '../../src/modules/pricing/domain/price-flight-delay.js';
import { ImportFlightHistoryUseCase } from '../../src/modules/pricing/import/import-flight-history.use-case.js';
import { PricingModule } from '../../src/modules/pricing/pricing.module.js';
import { PricingService } from '../../src/modules/pricing/pricing.service.js';
import { createIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database.js';
import { cancelled, delayedBy, diverted, flightRow, toCsv } from './flight-history.builder.js';

const FD120: FlightDelayPricingTerms = {
  delayThresholdMinutes: 120,
  paysOnCancellation: true,
  paysOnDiversion: true,
  credibilityK: 30,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
};
const FD60: FlightDelayPricingTerms = { ...FD120, delayThresholdMinutes: 60, minPremiumFen: 800 };

/**
 * A troubled evening flight XA 101 PEK→CAN in July: 40 flights, of which 6 arrived 2h+ late,
 * 4 more 1h+ late, 2 were cancelled and 1 diverted. And a punctual morning flight XA 303.
 */
const JULY_HISTORY: string[][] = [
  ...Array.from({ length: 6 }, () =>
    flightRow({ FlightNum: '101', Dest: 'CAN', CRSDepTime: '1930', ...delayedBy(150) }),
  ),
  ...Array.from({ length: 4 }, () =>
    flightRow({ FlightNum: '101', Dest: 'CAN', CRSDepTime: '1930', ...delayedBy(70) }),
  ),
  ...Array.from({ length: 2 }, () => flightRow({ FlightNum: '101', Dest: 'CAN', CRSDepTime: '1930', ...cancelled })),
  flightRow({ FlightNum: '101', Dest: 'CAN', CRSDepTime: '1930', ...diverted }),
  ...Array.from({ length: 27 }, (_, i) =>
    flightRow({ FlightNum: '101', Dest: 'CAN', CRSDepTime: '1930', ...delayedBy(i - 10) }),
  ),
  ...Array.from({ length: 60 }, (_, i) =>
    flightRow({ FlightNum: '303', Dest: 'CAN', CRSDepTime: '710', ...delayedBy(i % 20) }),
  ),
];
const AUGUST_HISTORY: string[][] = Array.from({ length: 20 }, (_, i) =>
  flightRow({ Month: '8', FlightNum: '101', Dest: 'CAN', CRSDepTime: '1945', ...delayedBy(i < 5 ? 130 : 0) }),
);

const XA101 = {
  carrier: 'XA',
  flightNo: 'XA101',
  origin: 'PEK',
  destination: 'CAN',
  // 19:30 on 15 July in Beijing is 11:30 UTC.
  scheduledDepartureLocal: new Date('2026-07-15T11:30:00Z'),
  payoutFen: 20_000,
};

/** Imported history moves the national rate every other suite prices with: this suite has its own database. */
let isolated: IsolatedDatabase;

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => ({ ...dataSourceOptions({ url: isolated.url, poolSize: 4 }), migrationsRun: false }),
    }),
    PricingModule,
  ],
})
class PricingTestModule {}

describe('importing flight history into PostgreSQL and pricing from it', () => {
  let app: INestApplicationContext;
  let db: pg.Client;
  let dir: string;
  let pricing: PricingService;
  let importer: ImportFlightHistoryUseCase;

  const write = async (name: string, rows: string[][]): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, toCsv(rows));
    return path;
  };
  const nationalFlights = async (): Promise<number> => {
    const { rows } = await db.query(
      `SELECT coalesce(sum(n), 0)::int AS n FROM flight_delay_statistics WHERE level = 'national'`,
    );
    return rows[0].n as number;
  };

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: the jest global setup did not run');
    isolated = await createIsolatedDatabase();
    app = await NestFactory.createApplicationContext(PricingTestModule, { logger: false });
    pricing = app.get(PricingService);
    importer = app.get(ImportFlightHistoryUseCase);
    db = new pg.Client({ connectionString: isolated.url });
    await db.connect();
    dir = await mkdtemp(join(tmpdir(), 'xiaoan-pricing-'));
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await isolated?.drop();
  });

  it('prices a flight on the configured Chinese base rate before any history is imported', async () => {
    expect(await nationalFlights()).toBe(0);
    const price = await pricing.priceFlightDelay({ ...XA101, terms: FD120 });
    // Seeded base rate 3.5%: 20000 × 0.035 / 0.65 = 1076.9 fen → ¥11.
    expect(price).toMatchObject({ status: 'priced', probability: 0.035, premiumFen: 1100 });
    const fd60 = await pricing.priceFlightDelay({ ...XA101, terms: FD60 });
    expect(fd60).toMatchObject({ status: 'priced', probability: 0.07 });
  });

  it('imports a history file and prices a troubled flight above a punctual one, exactly as from the same history in memory', async () => {
    const file = await write('july.csv', JULY_HISTORY);
    expect(await importer.execute([file])).toEqual([
      { file: 'july.csv', status: 'imported', flights: 100, rowsWithoutOutcome: 0, cells: expect.any(Number) },
    ]);

    const troubled = await pricing.priceFlightDelay({ ...XA101, terms: FD120 });
    const punctual = await pricing.priceFlightDelay({
      ...XA101,
      flightNo: '303',
      scheduledDepartureLocal: { month: 7, hour: 7 },
      terms: FD120,
    });
    if (troubled.status !== 'priced' || punctual.status !== 'priced') throw new Error('declined');
    expect(troubled.probability).toBeGreaterThan(punctual.probability * 3);
    expect(troubled.premiumFen).toBe(Math.max(500, ceilToYuan((20_000 * troubled.probability) / 0.65)));
    expect(troubled.breakdown[0]).toMatchObject({ level: 'flight_season', n: 40, triggers: 9, observed: 9 / 40 });
    expect(troubled.breakdown.find((level) => level.level === 'national')).toMatchObject({ n: 100, triggers: 9 });

    const inMemory = new FlightStatisticsAggregate();
    JULY_HISTORY.forEach((row, index) => {
      const parsed = parseFlightHistoryRow(row, index + 1);
      if (parsed.kind === 'flight') inMemory.add(parsed.record);
    });
    const expected = priceFlightDelay({
      counts: inMemory.lookup({
        carrier: 'XA',
        flightNo: '101',
        origin: 'PEK',
        destination: 'CAN',
        month: 7,
        scheduledDepartureHour: 19,
      }),
      baseRate: 0.035,
      payoutFen: 20_000,
      terms: FD120,
    });
    expect(troubled).toEqual(expected);
  });

  it('adds nothing when the same file is imported again, under its name or another', async () => {
    const before =
      await db.query(`SELECT level, carrier, flight_no, origin, destination, quarter, month, hour_band, n, n_delay_ge_120, n_cancelled
                                     FROM flight_delay_statistics ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
    const again = await importer.execute([join(dir, 'july.csv'), await write('july-copy.csv', JULY_HISTORY)]);
    expect(again).toEqual([
      { file: 'july.csv', status: 'already-imported' },
      { file: 'july-copy.csv', status: 'already-imported' },
    ]);
    const after =
      await db.query(`SELECT level, carrier, flight_no, origin, destination, quarter, month, hour_band, n, n_delay_ge_120, n_cancelled
                                    FROM flight_delay_statistics ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
    expect(after.rows).toEqual(before.rows);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM flight_history_imports`);
    expect(rows[0].n).toBe(1);
  });

  it('adds a new file to the existing counts, and a quote sees it at once', async () => {
    const before = await pricing.priceFlightDelay({
      ...XA101,
      scheduledDepartureLocal: { month: 8, hour: 19 },
      terms: FD120,
    });
    await importer.execute([await write('august.csv', AUGUST_HISTORY)]);
    expect(await nationalFlights()).toBe(120);
    const after = await pricing.priceFlightDelay({
      ...XA101,
      scheduledDepartureLocal: { month: 8, hour: 19 },
      terms: FD120,
    });
    if (before.status !== 'priced' || after.status !== 'priced') throw new Error('declined');
    // July and August are both the third quarter: the flight level now holds 60 flights, 14 of which paid.
    expect(after.breakdown[0]).toMatchObject({ level: 'flight_season', n: 60, triggers: 14 });
    expect(after.breakdown[1]).toMatchObject({ level: 'route_month_hour_band', n: 20, triggers: 5 });
    expect(after.probability).toBeGreaterThan(before.probability);
  });

  it('prices an unknown Chinese flight on what is known of the market', async () => {
    const price = await pricing.priceFlightDelay({
      carrier: 'MU',
      flightNo: 'MU5101',
      origin: 'SHA',
      destination: 'PEK',
      scheduledDepartureLocal: new Date('2026-07-01T00:00:00Z'),
      payoutFen: 10_000,
      terms: FD120,
    });
    expect(price.status).toBe('priced');
    expect(price.breakdown.slice(0, 5).map((level) => level.n)).toEqual([0, 0, 0, 0, 0]);
    expect(price.breakdown.find((level) => level.level === 'national')?.n).toBe(await nationalFlights());
  });

  it('rejects a file with a malformed row, names its line, and keeps nothing from it', async () => {
    const before = await nationalFlights();
    const file = await write('broken.csv', [flightRow(), flightRow(), flightRow({ ArrDelay: 'late' })]);
    await expect(importer.execute([file])).rejects.toThrow(
      'broken.csv: line 3: ArrDelay must be whole minutes, got "late"',
    );
    expect(await nationalFlights()).toBe(before);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM flight_history_imports WHERE file_name = 'broken.csv'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('reads all levels of a quote through the primary key', async () => {
    // Seq scans are switched off so the plan shows whether the index *can* serve this query shape
    // (a type mismatch in the key columns would silently make it unusable); on a tiny test table
    // the planner might otherwise prefer a scan for reasons that do not hold in production.
    await db.query('BEGIN');
    await db.query('SET LOCAL enable_seqscan = off');
    const { rows } = await db.query(
      `EXPLAIN (FORMAT JSON)
       SELECT s.n FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::smallint[], $7::smallint[], $8::smallint[])
         AS k(level, carrier, flight_no, origin, destination, quarter, month, hour_band)
         JOIN flight_delay_statistics s USING (level, carrier, flight_no, origin, destination, quarter, month, hour_band)`,
      [['national'], [''], [''], [''], [''], [0], [0], [0]],
    );
    await db.query('ROLLBACK');
    expect(JSON.stringify(rows[0]['QUERY PLAN'])).toContain('flight_delay_statistics_pkey');
  });

  it('declines a flight whose history says it more likely pays than not', async () => {
    const hopeless = Array.from({ length: 300 }, () =>
      flightRow({ UniqueCarrier: 'ZZ', FlightNum: '9', Origin: 'XIY', Dest: 'URC', ...delayedBy(240) }),
    );
    await importer.execute([await write('hopeless.csv', hopeless)]);
    const price = await pricing.priceFlightDelay({
      carrier: 'ZZ',
      flightNo: '9',
      origin: 'XIY',
      destination: 'URC',
      scheduledDepartureLocal: { month: 7, hour: 9 },
      payoutFen: 20_000,
      terms: FD120,
    });
    expect(price).toMatchObject({ status: 'declined', reason: 'TRIGGER_PROBABILITY_TOO_HIGH' });
  });
});
