import type { FlightHistoryRecord } from '../domain/flight-history-record.js';
import type { FlightStatisticsAggregate } from '../domain/flight-statistics-aggregate.js';
import { outcomeTriggers, triggersAt } from '../domain/outcome-counts.js';
import { priceFlightDelay, type FlightDelayPricingTerms } from '../domain/price-flight-delay.js';
import { isSupportedDelayThreshold } from '../domain/delay-thresholds.js';
import { NATIONAL_CELL } from '../domain/statistic-cell.js';

export interface CalibrationBucket {
  flights: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  observedRate: number;
}

export interface PricingBacktestResult {
  flights: number;
  deciles: CalibrationBucket[];
  /** Mean squared error of p against the 0/1 outcome. */
  brier: number;
  /** Brier score of quoting every flight at the training set's national rate. */
  brierNationalRate: number;
  predictedTriggers: number;
  observedTriggers: number;
  /** Share of test flights whose flight-season / route cell had training history. */
  coverage: { flightSeason: number; routeMonthHourBand: number };
  quoted: number;
  declined: Record<string, number>;
  premiumFen: number;
  claimsFen: number;
  /** Claims ÷ premium over quoted flights; the margin is right when this is near the target. */
  lossRatio: number;
}

export interface RunPricingBacktestInput {
  training: FlightStatisticsAggregate;
  test: readonly FlightHistoryRecord[];
  terms: FlightDelayPricingTerms;
  baseRate: number | undefined;
  payoutFen: number;
}

/**
 * Prices every test flight from the training statistics exactly as a quote would, then compares
 * with what happened: calibration by decile of predicted p, Brier score, and the loss ratio a
 * book of one policy per flight would have run at.
 */
export const runPricingBacktest = (input: RunPricingBacktestInput): PricingBacktestResult => {
  const { training, test, terms, payoutFen } = input;
  const threshold = terms.delayThresholdMinutes;
  if (!isSupportedDelayThreshold(threshold)) throw new RangeError(`threshold ${threshold} is not counted`);
  const rule = {
    delayThresholdMinutes: threshold,
    paysOnCancellation: terms.paysOnCancellation,
    paysOnDiversion: terms.paysOnDiversion,
  };

  const national = training.countsOf(NATIONAL_CELL);
  const nationalRate = national.n > 0 ? triggersAt(national, rule) / national.n : (input.baseRate ?? 0);

  const scored: { p: number; triggered: boolean }[] = [];
  const declined: Record<string, number> = {};
  let quoted = 0;
  let premiumFen = 0;
  let claimsFen = 0;
  let withFlight = 0;
  let withRoute = 0;
  for (const record of test) {
    const counts = training.lookup(record);
    if (counts.flight_season.n > 0) withFlight += 1;
    if (counts.route_month_hour_band.n > 0) withRoute += 1;
    const triggered = outcomeTriggers(record.outcome, rule);
    const price = priceFlightDelay({ counts, baseRate: input.baseRate, payoutFen, terms });
    if (price.probability !== null) scored.push({ p: price.probability, triggered });
    if (price.status === 'declined') {
      declined[price.reason] = (declined[price.reason] ?? 0) + 1;
      continue;
    }
    quoted += 1;
    premiumFen += price.premiumFen;
    if (triggered) claimsFen += payoutFen;
  }

  scored.sort((a, b) => a.p - b.p);
  const deciles: CalibrationBucket[] = [];
  for (let d = 0; d < 10; d += 1) {
    const slice = scored.slice(Math.floor((d * scored.length) / 10), Math.floor(((d + 1) * scored.length) / 10));
    if (slice.length === 0) continue;
    deciles.push({
      flights: slice.length,
      minPredicted: slice[0]!.p,
      maxPredicted: slice[slice.length - 1]!.p,
      meanPredicted: slice.reduce((sum, s) => sum + s.p, 0) / slice.length,
      observedRate: slice.filter((s) => s.triggered).length / slice.length,
    });
  }
  const outcome = (s: { triggered: boolean }) => (s.triggered ? 1 : 0);
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    flights: test.length,
    deciles,
    brier: mean(scored.map((s) => (s.p - outcome(s)) ** 2)),
    brierNationalRate: mean(scored.map((s) => (nationalRate - outcome(s)) ** 2)),
    predictedTriggers: scored.reduce((sum, s) => sum + s.p, 0),
    observedTriggers: scored.filter((s) => s.triggered).length,
    coverage: {
      flightSeason: test.length ? withFlight / test.length : 0,
      routeMonthHourBand: test.length ? withRoute / test.length : 0,
    },
    quoted,
    declined,
    premiumFen,
    claimsFen,
    lossRatio: premiumFen > 0 ? claimsFen / premiumFen : 0,
  };
};
