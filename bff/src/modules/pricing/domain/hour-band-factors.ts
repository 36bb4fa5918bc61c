import type { FlightStatisticsAggregate } from './flight-statistics-aggregate.js';
import { addCounts, emptyCounts, triggersAt, type OutcomeCounts, type TriggerRule } from './outcome-counts.js';
import { hourBandOf } from './statistic-cell.js';

/**
 * Departure-hour relativities, national (issue 16). Delay builds up through the day as late
 * aircraft and crews carry it forward, and that shape is much the same for every carrier and
 * airport, so unlike an airport relativity it carries over to flights whose own cells are empty
 * (the rolling backtest's May carriers, most Chinese flights). The route × month × hour-band
 * cells hold it per route; summed over routes and months they give it per band:
 *
 *   factor_b = Z·(rate_b / rate_all) + (1 − Z),   Z = n_b / (n_b + k)
 *
 * It scales the class rate in `estimateTriggerProbability`, i.e. the part of the estimate that
 * does not come from the flight's own route × band cell.
 */
export interface HourBandTerms {
  k: number;
}

export const hourBandCountsFrom = (aggregate: FlightStatisticsAggregate): Map<number, OutcomeCounts> => {
  const byBand = new Map<number, OutcomeCounts>();
  for (const { cell, counts } of aggregate.entries()) {
    if (cell.level !== 'route_month_hour_band') continue;
    const band = byBand.get(cell.hourBand) ?? emptyCounts();
    addCounts(band, counts);
    byBand.set(cell.hourBand, band);
  }
  return byBand;
};

/** The factors from counts summed by hour band (what the live quote reads in one GROUP BY). */
export const hourBandFactorsFromCounts = (
  byBand: ReadonlyMap<number, OutcomeCounts>,
  rule: TriggerRule,
  terms: HourBandTerms,
): Map<number, number> => {
  const all = emptyCounts();
  for (const counts of byBand.values()) addCounts(all, counts);
  const factors = new Map<number, number>();
  if (all.n === 0) return factors;
  const overall = triggersAt(all, rule) / all.n;
  if (overall <= 0) return factors;
  for (const [band, counts] of byBand) {
    if (counts.n === 0) continue;
    const z = counts.n / (counts.n + terms.k);
    factors.set(band, z * (triggersAt(counts, rule) / counts.n / overall) + (1 - z));
  }
  return factors;
};

export const hourBandFactorsFrom = (
  aggregate: FlightStatisticsAggregate,
  rule: TriggerRule,
  terms: HourBandTerms,
): Map<number, number> => hourBandFactorsFromCounts(hourBandCountsFrom(aggregate), rule, terms);

/** The factor of a scheduled departure hour (1 where the band has no history). */
export const hourBandFactorOf = (factors: ReadonlyMap<number, number> | null, hour: number): number =>
  factors?.get(hourBandOf(hour)) ?? 1;
