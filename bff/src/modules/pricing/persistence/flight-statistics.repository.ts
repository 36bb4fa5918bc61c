import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { named } from '../../../core/database/named-parameters.js';
import { isSupportedDelayThreshold, type DelayThresholdMinutes } from '../domain/delay-thresholds.js';
import type { CellCounts } from '../domain/flight-statistics-aggregate.js';
import { emptyCounts, type OutcomeCounts } from '../domain/outcome-counts.js';
import { cellId, type StatisticCell } from '../domain/statistic-cell.js';

interface CountsRow {
  level: string;
  carrier: string;
  flight_no: string;
  origin: string;
  destination: string;
  quarter: number;
  month: number;
  hour_band: number;
  n: number;
  n_delay_ge_60: number;
  n_delay_ge_90: number;
  n_delay_ge_120: number;
  n_delay_ge_180: number;
  n_cancelled: number;
  n_diverted: number;
}

export interface ImportRecord {
  contentSha256: string;
  fileName: string;
  flights: number;
  rowsWithoutOutcome: number;
}

/** Cells per upsert statement: ~15 arrays of 2,000 values stay far below PostgreSQL's limits. */
const UPSERT_BATCH = 2000;

/** SQL for the statistics tables. No pricing logic here: it moves counts in and out. */
@Injectable()
export class FlightStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isImported(contentSha256: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM flight_history_imports WHERE content_sha256 = $1`, [
      contentSha256,
    ])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Records the file and adds its counts in one transaction. Returns false, adding nothing, when
   * a file with the same content is already recorded; the unique hash makes a concurrent import
   * of the same file wait for the first and then add nothing.
   */
  async addImport(record: ImportRecord, cells: Iterable<CellCounts>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO flight_history_imports (content_sha256, file_name, flights, rows_without_outcome)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (content_sha256) DO NOTHING
         RETURNING id`,
        [record.contentSha256, record.fileName, record.flights, record.rowsWithoutOutcome],
      )) as unknown[];
      if (inserted.length === 0) return false;
      let batch: CellCounts[] = [];
      for (const cell of cells) {
        batch.push(cell);
        if (batch.length === UPSERT_BATCH) {
          await this.upsertCounts(manager, batch);
          batch = [];
        }
      }
      if (batch.length > 0) await this.upsertCounts(manager, batch);
      return true;
    });
  }

  /** Adds counts to existing cells and creates missing ones, in one set-based statement. */
  private async upsertCounts(manager: EntityManager, batch: CellCounts[]): Promise<void> {
    const column = <T>(pick: (entry: CellCounts) => T): T[] => batch.map(pick);
    await manager.query(
      ...named(
        `INSERT INTO flight_delay_statistics AS s
           (level, carrier, flight_no, origin, destination, quarter, month, hour_band,
            n, n_delay_ge_60, n_delay_ge_90, n_delay_ge_120, n_delay_ge_180, n_cancelled, n_diverted)
         SELECT * FROM unnest(
           $level::varchar[], $carrier::varchar[], $flightNo::varchar[], $origin::varchar[], $destination::varchar[],
           $quarter::smallint[], $month::smallint[], $hourBand::smallint[],
           $n::int[], $delayGe60::int[], $delayGe90::int[], $delayGe120::int[], $delayGe180::int[], $cancelled::int[], $diverted::int[])
         ON CONFLICT (level, carrier, flight_no, origin, destination, quarter, month, hour_band) DO UPDATE SET
           n = s.n + EXCLUDED.n,
           n_delay_ge_60 = s.n_delay_ge_60 + EXCLUDED.n_delay_ge_60,
           n_delay_ge_90 = s.n_delay_ge_90 + EXCLUDED.n_delay_ge_90,
           n_delay_ge_120 = s.n_delay_ge_120 + EXCLUDED.n_delay_ge_120,
           n_delay_ge_180 = s.n_delay_ge_180 + EXCLUDED.n_delay_ge_180,
           n_cancelled = s.n_cancelled + EXCLUDED.n_cancelled,
           n_diverted = s.n_diverted + EXCLUDED.n_diverted,
           updated_at = now()`,
        {
          level: column((e) => e.cell.level),
          carrier: column((e) => e.cell.carrier),
          flightNo: column((e) => e.cell.flightNo),
          origin: column((e) => e.cell.origin),
          destination: column((e) => e.cell.destination),
          quarter: column((e) => e.cell.quarter),
          month: column((e) => e.cell.month),
          hourBand: column((e) => e.cell.hourBand),
          n: column((e) => e.counts.n),
          delayGe60: column((e) => e.counts.delayGe60),
          delayGe90: column((e) => e.counts.delayGe90),
          delayGe120: column((e) => e.counts.delayGe120),
          delayGe180: column((e) => e.counts.delayGe180),
          cancelled: column((e) => e.counts.cancelled),
          diverted: column((e) => e.counts.diverted),
        },
      ),
    );
  }

  /**
   * Counts of the given cells, keyed by `cellId`; cells never observed are absent. One statement
   * for all levels of a quote: a join on the primary key, so it costs a handful of index probes.
   */
  async findCounts(cells: readonly StatisticCell[]): Promise<Map<string, OutcomeCounts>> {
    const column = <T>(pick: (cell: StatisticCell) => T): T[] => cells.map(pick);
    const rows = (await this.dataSource.query(
      `SELECT s.level, s.carrier, s.flight_no, s.origin, s.destination, s.quarter, s.month, s.hour_band,
              s.n, s.n_delay_ge_60, s.n_delay_ge_90, s.n_delay_ge_120, s.n_delay_ge_180, s.n_cancelled, s.n_diverted
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                     $6::smallint[], $7::smallint[], $8::smallint[])
              AS k(level, carrier, flight_no, origin, destination, quarter, month, hour_band)
         JOIN flight_delay_statistics s USING (level, carrier, flight_no, origin, destination, quarter, month, hour_band)`,
      [
        column((c) => c.level),
        column((c) => c.carrier),
        column((c) => c.flightNo),
        column((c) => c.origin),
        column((c) => c.destination),
        column((c) => c.quarter),
        column((c) => c.month),
        column((c) => c.hourBand),
      ],
    )) as CountsRow[];
    const found = new Map<string, OutcomeCounts>();
    for (const row of rows) {
      const cell: StatisticCell = {
        level: row.level as StatisticCell['level'],
        carrier: row.carrier,
        flightNo: row.flight_no,
        origin: row.origin,
        destination: row.destination,
        quarter: Number(row.quarter),
        month: Number(row.month),
        hourBand: Number(row.hour_band),
      };
      found.set(cellId(cell), {
        ...emptyCounts(),
        n: Number(row.n),
        delayGe60: Number(row.n_delay_ge_60),
        delayGe90: Number(row.n_delay_ge_90),
        delayGe120: Number(row.n_delay_ge_120),
        delayGe180: Number(row.n_delay_ge_180),
        cancelled: Number(row.n_cancelled),
        diverted: Number(row.n_diverted),
      });
    }
    return found;
  }

  async loadBaseRates(): Promise<Map<DelayThresholdMinutes, number>> {
    const rows = (await this.dataSource.query(
      `SELECT delay_threshold_minutes, trigger_probability FROM flight_delay_base_rates`,
    )) as { delay_threshold_minutes: number; trigger_probability: string }[];
    const rates = new Map<DelayThresholdMinutes, number>();
    for (const row of rows) {
      const threshold = Number(row.delay_threshold_minutes);
      if (isSupportedDelayThreshold(threshold)) rates.set(threshold, Number(row.trigger_probability));
    }
    return rates;
  }
}
