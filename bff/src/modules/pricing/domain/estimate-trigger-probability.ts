import { triggersAt, type OutcomeCounts, type TriggerRule } from './outcome-counts.js';
import type { StatisticLevel } from './statistic-cell.js';

/** One level's part in an estimate: stored with a quote as its pricing evidence. */
export interface LevelEvidence {
  level: StatisticLevel | 'base_rate';
  /** Flights observed in this level's cell (0 for the configured base rate). */
  n: number;
  /** Of those, flights that would have paid. */
  triggers: number;
  /** `triggers / n`, or the configured rate; null when nothing was observed. */
  observed: number | null;
  /** Credibility `n / (n + k)`; for the configured base rate, the weight left to it: `1 − Z_national`. */
  z: number;
  /** The level's estimate after blending with the more general levels. */
  estimate: number;
  /** For airline and airport levels: how this level scales the national rate. */
  relativity?: number;
}

export type TriggerEstimate =
  | { kind: 'estimate'; probability: number; levels: LevelEvidence[] }
  | { kind: 'insufficient-history'; levels: LevelEvidence[] };

export interface EstimateTriggerProbabilityInput {
  rule: TriggerRule;
  counts: Record<StatisticLevel, OutcomeCounts>;
  /** Configured national trigger probability for this threshold; the prior when little was imported. */
  baseRate: number | undefined;
  /** `k` of `Z = n / (n + k)`, from the product version's terms. */
  credibilityK: number;
  /**
   * A different `k` for some levels (issue 16: tuned per level by the rolling backtest); a level
   * not named uses `credibilityK`. The national level always uses `credibilityK`.
   */
  credibilityKByLevel?: Partial<Record<Exclude<StatisticLevel, 'national'>, number>>;
  /**
   * Scales the class rate (national × airline × airports) for the flight's departure-hour band:
   * the national hour-of-day relativity (`hour-band-factors.ts`). The route × month × hour-band
   * cell already holds the band in its own rate, so the relativity only moves the part of the
   * estimate that falls back to the class rate. Default 1.
   */
  hourBandRelativity?: number;
}

const credibility = (n: number, k: number): number => (n > 0 ? n / (n + k) : 0);

const evidenceOf = (level: StatisticLevel, counts: OutcomeCounts, rule: TriggerRule, k: number) => {
  const triggers = triggersAt(counts, rule);
  return {
    level,
    n: counts.n,
    triggers,
    observed: counts.n > 0 ? triggers / counts.n : null,
    z: credibility(counts.n, k),
  };
};

/**
 * p(trigger) for one flight, by credibility weighting (products.md §1).
 *
 * 1. National: the imported national rate, blended towards the configured base rate with
 *    `Z = n/(n+k)`; with no history imported the configured rate alone prices.
 * 2. Airline, origin airport, destination airport: each is a *relativity* to the national rate,
 *    credibility-blended towards 1, and the three multiply into a class rate. They are not
 *    chained one after another because each holds thousands of flights: in a chain the first
 *    one reaches Z ≈ 1 and the others would never count, so a Chicago winter departure would
 *    be priced on the airline alone.
 * 3. Route × month × hour band, then flight × season: each blends its observed rate with the
 *    estimate of the level below, `p = Z·observed + (1 − Z)·p_below`.
 *
 * Without a configured base rate the national history must carry the estimate on its own, with
 * at least `k` flights (Z ≥ 0.5); otherwise there is no level to fall back on and the answer is
 * `insufficient-history`, which the quote declines.
 */
export const estimateTriggerProbability = (input: EstimateTriggerProbabilityInput): TriggerEstimate => {
  const { rule, counts, baseRate, credibilityK: k } = input;
  const kOf = (level: Exclude<StatisticLevel, 'national'>): number => input.credibilityKByLevel?.[level] ?? k;
  const levels: LevelEvidence[] = [];

  const national = evidenceOf('national', counts.national, rule, k);
  let pNational: number;
  if (baseRate !== undefined) {
    pNational = national.z * (national.observed ?? 0) + (1 - national.z) * baseRate;
  } else if (national.n >= k) {
    pNational = national.observed ?? 0;
  } else {
    return {
      kind: 'insufficient-history',
      levels: [{ ...national, estimate: national.observed ?? 0 }],
    };
  }

  let classRate = pNational;
  const factors: LevelEvidence[] = [];
  for (const level of ['airline', 'origin_airport', 'destination_airport'] as const) {
    const evidence = evidenceOf(level, counts[level], rule, kOf(level));
    const estimate = evidence.z * (evidence.observed ?? 0) + (1 - evidence.z) * pNational;
    // A zero national rate leaves nothing to scale: the factor is neutral.
    const relativity = pNational > 0 ? estimate / pNational : 1;
    classRate *= relativity;
    factors.push({ ...evidence, estimate, relativity });
  }
  classRate = Math.min(1, classRate * (input.hourBandRelativity ?? 1));

  const route = evidenceOf('route_month_hour_band', counts.route_month_hour_band, rule, kOf('route_month_hour_band'));
  const pRoute = route.z * (route.observed ?? 0) + (1 - route.z) * classRate;
  const flight = evidenceOf('flight_season', counts.flight_season, rule, kOf('flight_season'));
  const pFlight = flight.z * (flight.observed ?? 0) + (1 - flight.z) * pRoute;

  levels.push({ ...flight, estimate: pFlight }, { ...route, estimate: pRoute }, ...factors, {
    ...national,
    estimate: pNational,
  });
  if (baseRate !== undefined) {
    levels.push({ level: 'base_rate', n: 0, triggers: 0, observed: baseRate, z: 1 - national.z, estimate: baseRate });
  }
  return { kind: 'estimate', probability: pFlight, levels };
};
