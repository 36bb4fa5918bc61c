import { normalizeCarrier } from './flight-number.js';
import type { FlightSubject } from './statistic-cell.js';

/**
 * Recent-experience factor (issue 16): the statistics are long-run averages, but the delay
 * level moves week to week (a thunderstorm fortnight, a holiday peak). For the last
 * `windowDays` before the pricing date we compare what happened with what the model predicted
 * for the same flights, per group, and scale the price by the credibility-weighted ratio:
 *
 *   factor_g = Z·(O_g / E_g) + (1 − Z)·1,   Z = E_g / (E_g + k)
 *
 * where O is the observed and E the predicted number of triggers, each weighted by
 * `0.5^(age / halfLifeDays)` so a run of delays fades as it ages. E (expected triggers) is the
 * volume of evidence: for a rare event the information is in the triggers, not the flights.
 *
 * Levels are nested, most general first (national → carrier → origin airport → route): each
 * level's ratio is measured against the prediction already scaled by the levels above, so a
 * national storm week is not counted again at every airport, and a thin route is shrunk to
 * its airport's factor rather than to 1.
 */
export interface ExperienceTerms {
  windowDays: number;
  halfLifeDays: number;
  /** Credibility k, in expected triggers. */
  experienceK: number;
  /** Bounds on the combined factor, so one freak day cannot price a route out or to zero. */
  minFactor: number;
  maxFactor: number;
  /** Which levels carry experience (default all four); the backtest measures each choice. */
  levels?: readonly ExperienceLevel[];
}

export interface RecentFlight {
  subject: Pick<FlightSubject, 'carrier' | 'origin' | 'destination'>;
  /** Days between the flight and the pricing date (≥ 0; 0 = the day before). */
  ageDays: number;
  /** What the model predicted for it, before experience. */
  predicted: number;
  triggered: boolean;
}

/**
 * Many flights of one carrier on one route on one day, added up: what the live quote reads from
 * `flight_outcome_daily_counts`. `predicted` is the sum of the flights' predicted p (expected
 * triggers), `observed` the number that triggered. A `RecentFlight` is the one-flight case, so
 * the backtest (per flight) and the live quote (per day and route) get the same factor.
 */
export interface RecentOutcomes {
  subject: Pick<FlightSubject, 'carrier' | 'origin' | 'destination'>;
  ageDays: number;
  predicted: number;
  observed: number;
}

const observedOf = (recent: RecentFlight | RecentOutcomes): number =>
  'triggered' in recent ? (recent.triggered ? 1 : 0) : recent.observed;

export const EXPERIENCE_LEVELS = ['national', 'carrier', 'origin', 'route'] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

const keyOf = (level: ExperienceLevel, subject: RecentFlight['subject']): string => {
  switch (level) {
    case 'national':
      return '';
    case 'carrier':
      return normalizeCarrier(subject.carrier);
    case 'origin':
      return subject.origin.trim().toUpperCase();
    case 'route':
      return `${subject.origin.trim().toUpperCase()}-${subject.destination.trim().toUpperCase()}`;
  }
};

export interface ExperienceEvidence {
  level: ExperienceLevel;
  observed: number;
  expected: number;
  z: number;
  factor: number;
}

export interface ExperienceFactor {
  factor: number;
  levels: ExperienceEvidence[];
}

/**
 * Builds the factor lookup from the recent flights. Pure and in memory: the backtest feeds it
 * the days before each fold; a quote would feed it the last `windowDays` of outcomes.
 */
export class ExperienceFactors {
  private readonly sums = new Map<string, { observed: number; expected: number }>();
  private readonly factors = new Map<string, number>();
  private readonly levels: readonly ExperienceLevel[];

  constructor(
    private readonly terms: ExperienceTerms,
    recent: readonly (RecentFlight | RecentOutcomes)[],
  ) {
    this.levels = EXPERIENCE_LEVELS.filter((level) => terms.levels?.includes(level) ?? true);
    const inWindow = recent.filter((flight) => flight.ageDays >= 0 && flight.ageDays < terms.windowDays);
    const weightOf = (flight: { ageDays: number }): number => 0.5 ** (flight.ageDays / terms.halfLifeDays);
    // Level by level, each measured against the prediction already scaled by the levels above.
    const scaled = inWindow.map((flight) => ({ flight, predicted: flight.predicted, weight: weightOf(flight) }));
    for (const level of this.levels) {
      const sums = new Map<string, { observed: number; expected: number }>();
      for (const { flight, predicted, weight } of scaled) {
        const key = keyOf(level, flight.subject);
        const sum = sums.get(key) ?? { observed: 0, expected: 0 };
        sum.observed += weight * observedOf(flight);
        sum.expected += weight * predicted;
        sums.set(key, sum);
      }
      for (const [key, sum] of sums) {
        this.sums.set(`${level}|${key}`, sum);
        this.factors.set(`${level}|${key}`, this.credible(sum));
      }
      for (const entry of scaled)
        entry.predicted *= this.factors.get(`${level}|${keyOf(level, entry.flight.subject)}`) ?? 1;
    }
  }

  private credible(sum: { observed: number; expected: number }): number {
    if (sum.expected <= 0) return 1;
    const z = sum.expected / (sum.expected + this.terms.experienceK);
    return z * (sum.observed / sum.expected) + (1 - z);
  }

  /** The factor for a flight to be priced: the product of its levels' factors, bounded. */
  factorFor(subject: RecentFlight['subject']): ExperienceFactor {
    let factor = 1;
    const levels: ExperienceEvidence[] = [];
    for (const level of this.levels) {
      const id = `${level}|${keyOf(level, subject)}`;
      const sum = this.sums.get(id) ?? { observed: 0, expected: 0 };
      const levelFactor = this.factors.get(id) ?? 1;
      factor *= levelFactor;
      levels.push({
        level,
        observed: sum.observed,
        expected: sum.expected,
        z: sum.expected > 0 ? sum.expected / (sum.expected + this.terms.experienceK) : 0,
        factor: levelFactor,
      });
    }
    return { factor: Math.min(this.terms.maxFactor, Math.max(this.terms.minFactor, factor)), levels };
  }
}

/**
 * The surge loading of a flight (issue 16): how much hotter the fast factor reads than the slow
 * one the best estimate uses, never below 1 and at most `maxFactor`. Daily delay levels spike
 * and mostly revert within days, so the best estimate follows the slow factor (a spike that
 * reverts does not mislead it); the premium carries the fast reading's excess as a loading, so
 * that a storm that does persist for days is not sold at the calm rate.
 */
export const surgeLoadingOf = (
  slow: ExperienceFactors | null,
  fast: ExperienceFactors,
  maxFactor: number,
  subject: RecentFlight['subject'],
): number => {
  const ratio = fast.factorFor(subject).factor / (slow?.factorFor(subject).factor ?? 1);
  return Math.min(maxFactor, Math.max(1, ratio));
};
