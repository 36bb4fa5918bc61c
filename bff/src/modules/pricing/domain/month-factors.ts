import type { FlightStatisticsAggregate } from './flight-statistics-aggregate.js';
import { addCounts, emptyCounts, triggersAt, type OutcomeCounts, type TriggerRule } from './outcome-counts.js';

/**
 * Month-of-year relativities, where history has them (issue 16). The route × month × hour-band
 * cells already carry seasonality for busy routes; this factor carries it for the flights that
 * fall back to airline/airport/national levels, which hold all months together.
 *
 *   factor_m = Z·(rate_m / rate_all) + (1 − Z),   Z = n_m / (n_m + k)
 *
 * A month relativity is only trusted when the history spans at least `minMonths` distinct
 * months: with two months of different carriers (the shared 2008 sample) the "April effect" is
 * a carrier effect, and applying it would mis-price May twice.
 */
export interface SeasonalityTerms {
  monthK: number;
  minMonths: number;
}

export const monthFactorsFrom = (
  aggregate: FlightStatisticsAggregate,
  rule: TriggerRule,
  terms: SeasonalityTerms,
): Map<number, number> => {
  const byMonth = new Map<number, OutcomeCounts>();
  for (const { cell, counts } of aggregate.entries()) {
    if (cell.level !== 'route_month_hour_band') continue;
    const month = byMonth.get(cell.month) ?? emptyCounts();
    addCounts(month, counts);
    byMonth.set(cell.month, month);
  }
  return monthFactorsFromCounts(byMonth, rule, terms);
};

/**
 * The same factors from counts already summed by month (what the live quote reads from
 * `flight_delay_statistics` in one GROUP BY): one rule for the backtest and the quote.
 */
export const monthFactorsFromCounts = (
  byMonth: ReadonlyMap<number, OutcomeCounts>,
  rule: TriggerRule,
  terms: SeasonalityTerms,
): Map<number, number> => {
  const all = emptyCounts();
  for (const counts of byMonth.values()) addCounts(all, counts);
  const factors = new Map<number, number>();
  if (byMonth.size < terms.minMonths || all.n === 0) return factors;
  const overall = triggersAt(all, rule) / all.n;
  if (overall <= 0) return factors;
  for (const [month, counts] of byMonth) {
    const z = counts.n / (counts.n + terms.monthK);
    factors.set(month, z * (triggersAt(counts, rule) / counts.n / overall) + (1 - z));
  }
  return factors;
};
