import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { Clock } from '../../core/clock/clock.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import {
  AccrueHeatClaimsUseCase,
  type HeatAccrualSlice,
  type HeatSliceAccrued,
} from '../claim/accrue-heat-claims.use-case.js';
import { WeatherPlaces } from './weather-places.js';
import { WEATHER_QUEUES } from './weather.queues.js';

export interface HeatDayOutcome {
  status: 'settled' | 'already_settled' | 'no_reading' | 'unknown_place';
  hot: boolean | null;
  /** (policy, day) accruals written by this run. */
  accruals: number;
  accruedFen: number;
  newClaims: number;
}

/** Policies are settled in this many slices of the table, one transaction each. */
const DEFAULT_SLICES = 16;
const DEFAULT_CONCURRENCY = 2;
const LOCK_RETRY_MS = 200;

/**
 * `slices` tid ranges `[(from,0), (to,0))` covering the table's `blocks` pages; the last one is
 * open-ended (a row that lands on a new page meanwhile is still seen).
 */
export const blockSlices = (blocks: number, slices: number): [string, string][] => {
  const count = Math.max(1, Math.min(slices, blocks));
  const bound = (i: number): string => (i >= count ? '(4294967294,0)' : `(${Math.floor((i * blocks) / count)},0)`);
  return Array.from({ length: count }, (_, i) => [bound(i), bound(i + 1)] as [string, string]);
};

/**
 * HEAT37 mass settlement: one city-day, every active policy whose cover contains it, in set-based
 * SQL (products.md §2: "not a loop of single-row transactions").
 *
 * 1. The day is decided once, from the station's current daily maximum: a `heat_settlements` row
 *    (later corrections are flagged by the ingest, never applied).
 * 2. On a hot day, each policy whose cover contains the day (active, or already closed by the
 *    sweep when the reading came late; never a cancelled one) gets one accrual row per (policy, day), primary key, so a replay
 *    writes nothing: the amount is `payout(n) − payout(n − 1)` where n is the number of hot
 *    settled days in the policy's cover, with payout(n) = min(cap, tick × max(0, n − deductible))
 *    for all its units. Because every settled hot day adds exactly one to n, the accruals sum to
 *    the season's payout in any order the days arrive (a late day included), cap and deductible
 *    respected. Policies are grouped by cover (all policies bought on one day share it), so n is
 *    computed here per cohort, not per policy.
 * 3. In the same statement, the accrued amount is added to the policy's one claim (opened with
 *    the policy, at 0), which becomes collectable again if it had been paid out. Its subscribe
 *    message is sent afterwards, once, by the notification job.
 * Steps 2 and 3 are the claim module's (`AccrueHeatClaimsUseCase`, which owns accruals and claims):
 * this module decides the day, counts each cover's hot days and hands it the slices.
 *
 * Settlements of one city run one at a time (a session advisory lock), each in slices of the
 * policies table (tid ranges, one sequential pass) with one transaction per slice; a crash leaves an unfinished settlement that the
 * next run (a retry, or the sweep) finishes before anything else, re-running slices idempotently.
 */
@Injectable()
export class SettleHeatDayUseCase {
  private readonly logger = new Logger('SettleHeatDayUseCase');
  slices = DEFAULT_SLICES;
  /** Slices settled side by side, each on its own connection. */
  concurrency = DEFAULT_CONCURRENCY;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly places: WeatherPlaces,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly accrueHeatClaims: AccrueHeatClaimsUseCase,
  ) {}

  async settle(placeCode: string, day: string): Promise<HeatDayOutcome> {
    const place = await this.places.byCode(placeCode);
    if (!place || place.kind !== 'city')
      return { status: 'unknown_place', hot: null, accruals: 0, accruedFen: 0, newClaims: 0 };
    const runner = await this.lockCity(placeCode);
    try {
      try {
        // First finish whatever a crash left half done: its hot-day count must not see this day.
        const unfinished = (await runner.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM heat_settlements WHERE place_code = $1 AND finished_at IS NULL AND day <> $2 ORDER BY day`,
          [placeCode, day],
        )) as { day: string }[];
        for (const { day: earlier } of unfinished) await this.run(runner, placeCode, earlier);
        const [threshold] = (await runner.query(
          `SELECT DISTINCT round((v.terms ->> 'thresholdCelsius')::numeric * 100)::int AS hundredths
             FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.category = 'heat'`,
        )) as { hundredths: number }[];
        const [existing] = (await runner.query(
          `INSERT INTO heat_settlements (place_code, day, tmax_hundredths, threshold_hundredths, hot, reading_id)
           SELECT $1, m.reading_date, m.tmax_hundredths, $3::int, (m.tmax_hundredths / 10) * 10 >= $3::int, m.reading_id
             FROM weather_daily_max m WHERE m.station_id = $4 AND m.reading_date = $2
           ON CONFLICT (place_code, day) DO NOTHING
           RETURNING hot`,
          [placeCode, day, threshold?.hundredths ?? 3700, place.stationId],
        )) as { hot: boolean }[];
        if (!existing) {
          const [row] = (await runner.query(
            `SELECT hot, finished_at FROM heat_settlements WHERE place_code = $1 AND day = $2`,
            [placeCode, day],
          )) as {
            hot: boolean;
            finished_at: Date | null;
          }[];
          if (!row) return { status: 'no_reading', hot: null, accruals: 0, accruedFen: 0, newClaims: 0 };
          if (row.finished_at)
            return { status: 'already_settled', hot: row.hot, accruals: 0, accruedFen: 0, newClaims: 0 };
        }
        return await this.run(runner, placeCode, day);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('heat-settlement'), hashtext($1))`, [placeCode]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One slice in one transaction: the claim module writes the slice's accrual rows (a replay inserts
   * none and so changes no claim) and grows each paying policy's claim by what it accrued.
   */
  private accrueSlice(
    placeCode: string,
    day: string,
    cohorts: HeatAccrualSlice['cohorts'],
    bounds: [string, string],
    now: Date,
  ): Promise<HeatSliceAccrued> {
    return this.dataSource.transaction((manager) =>
      this.accrueHeatClaims.slice({ manager }, { placeCode, day, cohorts, bounds, at: now }),
    );
  }

  /**
   * A connection holding the city's settlement lock (a session advisory lock). The lock is tried,
   * not waited for: a settlement holds one connection for the lock and a few for its slices, so
   * waiting runs queued behind it must not sit on connections of the same pool meanwhile.
   */
  private async lockCity(placeCode: string): Promise<QueryRunner> {
    for (;;) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        const [{ locked }] = (await runner.query(
          `SELECT pg_try_advisory_lock(hashtext('heat-settlement'), hashtext($1)) AS locked`,
          [placeCode],
        )) as {
          locked: boolean;
        }[];
        if (locked) return runner;
      } catch (error) {
        await runner.release();
        throw error;
      }
      await runner.release();
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }

  /** Accrue every slice of one (started) settlement and mark it finished. */
  private async run(runner: QueryRunner, placeCode: string, day: string): Promise<HeatDayOutcome> {
    const started = Date.now();
    const [settlement] = (await runner.query(`SELECT hot FROM heat_settlements WHERE place_code = $1 AND day = $2`, [
      placeCode,
      day,
    ])) as { hot: boolean }[];
    let accruals = 0;
    let accruedFen = 0;
    let newClaims = 0;
    const now = this.clock.now();
    if (settlement?.hot) {
      // Cohorts: policies bought on the same Beijing day share a cover, hence a hot-day count.
      const cohorts = (await runner.query(
        `SELECT to_char(c.s, 'YYYY-MM-DD') AS "start", to_char(c.e, 'YYYY-MM-DD') AS "end", count(h.day)::int AS "hotDays"
           FROM (SELECT DISTINCT cover_start_date AS s, cover_end_date AS e FROM policies
                  WHERE place_code = $1 AND status <> 'cancelled' AND cover_start_date <= $2 AND cover_end_date >= $2) c
           LEFT JOIN heat_settlements h ON h.place_code = $1 AND h.hot AND h.day BETWEEN c.s AND c.e
          GROUP BY c.s, c.e`,
        [placeCode, day],
      )) as { start: string; end: string; hotDays: number }[];
      if (cohorts.length > 0) {
        // Slices of the table in physical order (one sequential pass over it; the claims updated
        // are those of neighbouring policies). They are disjoint, so a few run side by side.
        const [{ blocks }] = (await runner.query(
          `SELECT (pg_relation_size('policies') / current_setting('block_size')::int)::bigint AS blocks`,
        )) as {
          blocks: string;
        }[];
        const queue = blockSlices(Number(blocks), this.slices);
        // On a failure the other workers stop after their current slice, so that nothing still
        // runs once the lock is released (a retry then redoes the missing slices, idempotently).
        let failure: unknown = null;
        const worker = async () => {
          for (let bounds = queue.shift(); bounds && !failure; bounds = queue.shift()) {
            try {
              const row = await this.accrueSlice(placeCode, day, cohorts, bounds, now);
              accruals += row.accruals;
              accruedFen += row.accruedFen;
              newClaims += row.opened;
            } catch (error) {
              failure ??= error;
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.concurrency, this.slices) }, worker));
        if (failure) throw failure;
      }
    }
    await runner.startTransaction();
    try {
      await runner.query(
        `UPDATE heat_settlements SET finished_at = clock_timestamp(), policies_accrued = coalesce(policies_accrued, 0) + $3, accrued_fen = coalesce(accrued_fen, 0) + $4
          WHERE place_code = $1 AND day = $2`,
        [placeCode, day, accruals, accruedFen],
      );
      if (accruedFen > 0) {
        await this.jobs.enqueue(
          runner.manager,
          WEATHER_QUEUES.notifyHeatClaims,
          {},
          { singletonKey: WEATHER_QUEUES.notifyHeatClaims },
        );
      }
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
    this.logger.log(
      { placeCode, day, hot: settlement?.hot ?? null, accruals, accruedFen, newClaims, ms: Date.now() - started },
      'heat day settled',
    );
    return { status: 'settled', hot: settlement?.hot ?? null, accruals, accruedFen, newClaims };
  }
}
