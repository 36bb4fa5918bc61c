import type { FlightOutcome } from './flight-history-record.js';
import type { RecentOutcomes } from './experience-factor.js';
import { addOutcome, emptyCounts, triggersAt, type OutcomeCounts, type TriggerRule } from './outcome-counts.js';
import { hourBandOf, type FlightSubject } from './statistic-cell.js';
import { normalizeCarrier } from './flight-number.js';

/**
 * One row of `flight_outcome_daily_counts`: the tracked flights of one carrier on one route in
 * one departure-hour band on one service day, and how they ended, counted like the imported
 * statistics so that every product's trigger rule can be read from them.
 */
export interface DailyOutcomeCounts {
  /** `YYYY-MM-DD`, the flight's scheduled (local) date. */
  serviceDate: string;
  carrier: string;
  origin: string;
  destination: string;
  month: number;
  hourBand: number;
  counts: OutcomeCounts;
}

/** A tracked flight that reached a final status, as the feed reports it. */
export interface FinishedFlight {
  serviceDate: string;
  carrier: string;
  origin: string;
  destination: string;
  /** Scheduled departure, local (Asia/Shanghai for the products' domestic flights). */
  month: number;
  scheduledDepartureHour: number;
  outcome: FlightOutcome;
}

/** The daily row one finished flight adds (n = 1): what the outcome recorder upserts. */
export const dailyCountsOf = (flight: FinishedFlight): DailyOutcomeCounts => {
  const counts = emptyCounts();
  addOutcome(counts, flight.outcome);
  return {
    serviceDate: flight.serviceDate,
    carrier: normalizeCarrier(flight.carrier),
    origin: flight.origin.trim().toUpperCase(),
    destination: flight.destination.trim().toUpperCase(),
    month: flight.month,
    hourBand: hourBandOf(flight.scheduledDepartureHour),
    counts,
  };
};

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The recent experience a quote sold on `saleDate` reads: each daily row of the days before the
 * sale, with its observed triggers under `rule` and its expected triggers (`n · p`, p being what
 * the model without experience says for a flight of that carrier, route, month and hour band).
 * Age 0 is the day before the sale, as in the rolling backtest; the sale day itself is not
 * complete and is left out. `predict` answers null for a group the model declines.
 */
export const recentOutcomesOf = (
  rows: readonly DailyOutcomeCounts[],
  saleDate: string,
  rule: TriggerRule,
  predict: (subject: FlightSubject) => number | null,
): RecentOutcomes[] => {
  const recent: RecentOutcomes[] = [];
  for (const row of rows) {
    const ageDays = daysBetween(row.serviceDate, saleDate) - 1;
    if (ageDays < 0 || row.counts.n === 0) continue;
    const p = predict({
      carrier: row.carrier,
      flightNo: '',
      origin: row.origin,
      destination: row.destination,
      month: row.month,
      scheduledDepartureHour: row.hourBand,
    });
    if (p === null) continue;
    recent.push({
      subject: row,
      ageDays,
      predicted: Math.min(1, p) * row.counts.n,
      observed: triggersAt(row.counts, rule),
    });
  }
  return recent;
};
