import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { named } from '../../../core/database/named-parameters.js';
import { dailyCountsOf, type DailyOutcomeCounts, type FinishedFlight } from '../domain/daily-outcomes.js';
import type { FlightOutcome } from '../domain/flight-history-record.js';
import { emptyCounts, type OutcomeCounts } from '../domain/outcome-counts.js';

interface FinishedRow {
  id: string;
  flight_date: string;
  carrier_code: string;
  origin: string;
  destination: string;
  status: string;
  shanghai_month: number;
  shanghai_hour: number;
  delay_minutes: number | null;
}

interface DailyRow {
  service_date: string;
  carrier: string;
  origin: string;
  destination: string;
  month: number;
  hour_band: number;
  n: string;
  n_delay_ge_60: string;
  n_delay_ge_90: string;
  n_delay_ge_120: string;
  n_delay_ge_180: string;
  n_cancelled: string;
  n_diverted: string;
}

const countsOf = (
  row: Omit<DailyRow, 'service_date' | 'carrier' | 'origin' | 'destination' | 'month' | 'hour_band'>,
): OutcomeCounts => ({
  ...emptyCounts(),
  n: Number(row.n),
  delayGe60: Number(row.n_delay_ge_60),
  delayGe90: Number(row.n_delay_ge_90),
  delayGe120: Number(row.n_delay_ge_120),
  delayGe180: Number(row.n_delay_ge_180),
  cancelled: Number(row.n_cancelled),
  diverted: Number(row.n_diverted),
});

/**
 * SQL of the live outcome counts (issue 16): each tracked flight's final status added once to
 * its day's row, the last days read back for the experience factor, and the imported statistics
 * summed by month for the month factors.
 */
@Injectable()
export class FlightOutcomeCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds a flight that reached a final status to its day's counts, in the caller's transaction
   * (the flight-status ingest), at most once per flight. An arrival without an arrival time is
   * not an outcome yet and is left for a later event. Returns whether it was counted now.
   */
  async recordFinished(manager: EntityManager, flightId: string): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT id, to_char(flight_date, 'YYYY-MM-DD') AS flight_date, carrier_code, origin ->> 'code' AS origin,
              destination ->> 'code' AS destination, status,
              extract(month FROM scheduled_departure AT TIME ZONE 'Asia/Shanghai')::int AS shanghai_month,
              extract(hour FROM scheduled_departure AT TIME ZONE 'Asia/Shanghai')::int AS shanghai_hour,
              CASE WHEN actual_arrival IS NOT NULL
                   THEN floor(extract(epoch FROM actual_arrival - scheduled_arrival) / 60)::int END AS delay_minutes
         FROM flights WHERE id = $1`,
      [flightId],
    )) as FinishedRow[];
    if (!row) return false;
    let outcome: FlightOutcome;
    if (row.status === 'cancelled') outcome = { kind: 'cancelled' };
    else if (row.status === 'diverted') outcome = { kind: 'diverted' };
    else if (row.status === 'arrived' && row.delay_minutes !== null)
      outcome = { kind: 'arrived', arrivalDelayMinutes: Number(row.delay_minutes) };
    else return false;
    const finished: FinishedFlight = {
      serviceDate: row.flight_date,
      carrier: row.carrier_code,
      origin: row.origin,
      destination: row.destination,
      month: Number(row.shanghai_month),
      scheduledDepartureHour: Number(row.shanghai_hour),
      outcome,
    };
    const { counts, ...cell } = dailyCountsOf(finished);
    const counted = (await manager.query(
      ...named(
        `WITH claimed AS (
           INSERT INTO flight_outcomes_counted (flight_id) VALUES ($flightId) ON CONFLICT (flight_id) DO NOTHING RETURNING flight_id)
         INSERT INTO flight_outcome_daily_counts AS d (service_date, carrier, origin, destination, month, hour_band,
                     n, n_delay_ge_60, n_delay_ge_90, n_delay_ge_120, n_delay_ge_180, n_cancelled, n_diverted)
         SELECT $serviceDate, $carrier, $origin, $destination, $month, $hourBand,
                $n, $delayGe60, $delayGe90, $delayGe120, $delayGe180, $cancelled, $diverted
          WHERE EXISTS (SELECT 1 FROM claimed)
         ON CONFLICT (service_date, carrier, origin, destination, hour_band) DO UPDATE SET
           n = d.n + EXCLUDED.n, n_delay_ge_60 = d.n_delay_ge_60 + EXCLUDED.n_delay_ge_60,
           n_delay_ge_90 = d.n_delay_ge_90 + EXCLUDED.n_delay_ge_90, n_delay_ge_120 = d.n_delay_ge_120 + EXCLUDED.n_delay_ge_120,
           n_delay_ge_180 = d.n_delay_ge_180 + EXCLUDED.n_delay_ge_180, n_cancelled = d.n_cancelled + EXCLUDED.n_cancelled,
           n_diverted = d.n_diverted + EXCLUDED.n_diverted
         RETURNING 1`,
        // The cell's and the counts' fields are the statement's names: a field added to either must be placed.
        { flightId, ...cell, ...counts },
      ),
    )) as unknown[];
    return counted.length > 0;
  }

  /** Daily rows of service days in `[fromDate, beforeDate)`. */
  async daysBetween(fromDate: string, beforeDate: string): Promise<DailyOutcomeCounts[]> {
    const rows = (await this.dataSource.query(
      `SELECT to_char(service_date, 'YYYY-MM-DD') AS service_date, carrier, origin, destination, month, hour_band,
              n, n_delay_ge_60, n_delay_ge_90, n_delay_ge_120, n_delay_ge_180, n_cancelled, n_diverted
         FROM flight_outcome_daily_counts WHERE service_date >= $1 AND service_date < $2`,
      [fromDate, beforeDate],
    )) as DailyRow[];
    return rows.map((row) => ({
      serviceDate: row.service_date,
      carrier: row.carrier,
      origin: row.origin,
      destination: row.destination,
      month: Number(row.month),
      hourBand: Number(row.hour_band),
      counts: countsOf(row),
    }));
  }

  /** The route × month × hour-band statistics summed by hour band (national hour relativities). */
  statisticsByHourBand(): Promise<Map<number, OutcomeCounts>> {
    return this.statisticsSummedBy('hour_band');
  }

  /** The imported route × month × hour-band statistics summed by month (month factors). */
  statisticsByMonth(): Promise<Map<number, OutcomeCounts>> {
    return this.statisticsSummedBy('month');
  }

  private async statisticsSummedBy(column: 'hour_band' | 'month'): Promise<Map<number, OutcomeCounts>> {
    const rows = (await this.dataSource.query(
      `SELECT ${column} AS key, sum(n) AS n, sum(n_delay_ge_60) AS n_delay_ge_60, sum(n_delay_ge_90) AS n_delay_ge_90,
              sum(n_delay_ge_120) AS n_delay_ge_120, sum(n_delay_ge_180) AS n_delay_ge_180,
              sum(n_cancelled) AS n_cancelled, sum(n_diverted) AS n_diverted
         FROM flight_delay_statistics WHERE level = 'route_month_hour_band' GROUP BY ${column}`,
    )) as (DailyRow & { key: number })[];
    return new Map(rows.map((row) => [Number(row.key), countsOf(row)]));
  }
}
