import { Readable } from 'node:stream';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { BeijingDate } from '@xiaoan/shared';
import type { WeatherHistoryRecord } from './parse-weather-history-row.js';
import { readWeatherHistoryCsv } from './read-weather-history-csv.js';
import { WeatherHistoryRowError } from './weather-history-row.error.js';
import { WeatherPricingService } from './weather-pricing.service.js';

export interface WeatherHistoryRejection {
  line: number;
  reason: string;
}

export interface WeatherHistoryImportCounts {
  /** Good data lines read (each written when the file is imported). */
  rows: number;
  /** Distinct stations among them. */
  stations: number;
  /** Earliest and latest day among them; null without any. */
  from: BeijingDate | null;
  to: BeijingDate | null;
  /** The first rejected lines, in file order. */
  rejected: WeatherHistoryRejection[];
  rejectedCount: number;
}

export type WeatherHistoryImportResult =
  | ({ status: 'imported' } & WeatherHistoryImportCounts)
  /** Nothing was written; `reason` says why. */
  | ({ status: 'refused'; reason: string } & WeatherHistoryImportCounts);

/** Above this share of rejected lines the file is probably in another format or unit: import nothing. */
export const MAX_REJECTED_PERCENT = 1;
export const MAX_REJECTIONS_LISTED = 20;
/** Station-days per upsert: four arrays of 5,000 values, one round trip. */
const UPSERT_BATCH = 5000;

class ImportTally {
  rows = 0;
  readonly stations = new Set<string>();
  from: BeijingDate | null = null;
  to: BeijingDate | null = null;
  readonly rejected: WeatherHistoryRejection[] = [];
  rejectedCount = 0;

  add(record: WeatherHistoryRecord): void {
    this.rows += 1;
    this.stations.add(record.stationId);
    if (this.from === null || record.day < this.from) this.from = record.day;
    if (this.to === null || record.day > this.to) this.to = record.day;
  }

  reject(line: number, reason: string): void {
    this.rejectedCount += 1;
    if (this.rejected.length < MAX_REJECTIONS_LISTED) this.rejected.push({ line, reason });
  }

  /** More than 1 % of the data lines rejected (exactly 1 % still imports). */
  get tooManyRejected(): boolean {
    return this.rejectedCount * 100 > (this.rows + this.rejectedCount) * MAX_REJECTED_PERCENT;
  }

  counts(): WeatherHistoryImportCounts {
    return {
      rows: this.rows,
      stations: this.stations.size,
      from: this.from,
      to: this.to,
      rejected: [...this.rejected],
      rejectedCount: this.rejectedCount,
    };
  }
}

/**
 * Loads a station-history CSV (`station,date,tmax,precipitation`) into `weather_history`, the
 * data HEAT37 and RAIN are priced from. The file is one transaction: every good line is upserted
 * (a station-day already there takes the file's values, so importing a file twice leaves the same
 * table), unless more than 1 % of its lines are rejected, the header is wrong or the CSV is broken,
 * in which case nothing is written and the result says why. Within the file, a later line for the
 * same station-day wins.
 */
@Injectable()
export class ImportWeatherHistoryUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly pricing?: WeatherPricingService,
  ) {}

  async execute(input: Readable | string): Promise<WeatherHistoryImportResult> {
    const source = typeof input === 'string' ? Readable.from([input]) : input;
    const tally = new ImportTally();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let commit = false;
    try {
      await runner.startTransaction();
      // Keyed by station-day: one statement may not upsert the same key twice.
      let batch = new Map<string, WeatherHistoryRecord>();
      try {
        for await (const row of readWeatherHistoryCsv(source)) {
          if (row.kind === 'rejected') {
            tally.reject(row.line, row.reason);
            continue;
          }
          tally.add(row.record);
          const key = `${row.record.stationId}|${row.record.day}`;
          batch.set(key, row.record);
          if (batch.size >= UPSERT_BATCH) {
            await this.upsert(runner.manager, [...batch.values()]);
            batch = new Map();
          }
        }
      } catch (error) {
        if (error instanceof WeatherHistoryRowError) {
          return { status: 'refused', reason: `${error.message}; nothing was imported`, ...tally.counts() };
        }
        throw error;
      }
      if (tally.tooManyRejected) {
        const share = ((tally.rejectedCount * 100) / (tally.rows + tally.rejectedCount)).toFixed(1);
        return {
          status: 'refused',
          reason:
            `${tally.rejectedCount} of ${tally.rows + tally.rejectedCount} lines rejected (${share} %, more than ` +
            `${MAX_REJECTED_PERCENT} %); nothing was imported`,
          ...tally.counts(),
        };
      }
      if (batch.size > 0) await this.upsert(runner.manager, [...batch.values()]);
      commit = true;
    } finally {
      try {
        if (runner.isTransactionActive) await (commit ? runner.commitTransaction() : runner.rollbackTransaction());
      } finally {
        await runner.release();
      }
    }
    this.pricing?.invalidate();
    return { status: 'imported', ...tally.counts() };
  }

  /** One set-based statement per batch; a station-day that already holds the same values is not rewritten. */
  private async upsert(manager: EntityManager, batch: readonly WeatherHistoryRecord[]): Promise<void> {
    await manager.query(
      `INSERT INTO weather_history AS h (station_id, day, tmax_tenths, precip_tenths)
       SELECT * FROM unnest($1::varchar[], $2::date[], $3::int[], $4::int[])
       ON CONFLICT (station_id, day) DO UPDATE SET
         tmax_tenths = EXCLUDED.tmax_tenths,
         precip_tenths = EXCLUDED.precip_tenths
       WHERE (h.tmax_tenths, h.precip_tenths) IS DISTINCT FROM (EXCLUDED.tmax_tenths, EXCLUDED.precip_tenths)`,
      [
        batch.map((record) => record.stationId),
        batch.map((record) => record.day),
        batch.map((record) => record.tmaxTenths),
        batch.map((record) => record.precipTenths),
      ],
    );
  }
}
