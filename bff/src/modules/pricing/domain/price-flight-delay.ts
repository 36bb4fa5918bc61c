import { ceilToYuan, type FlightDelayTerms } from '@xiaoan/shared';
import { isSupportedDelayThreshold } from './delay-thresholds.js';
import { estimateTriggerProbability, type LevelEvidence } from './estimate-trigger-probability.js';
import type { OutcomeCounts } from './outcome-counts.js';
import type { StatisticLevel } from './statistic-cell.js';
import { loadForUncertainty } from './uncertainty-loading.js';

/** The parts of a flight-delay product version that pricing reads. */
export type FlightDelayPricingTerms = Pick<
  FlightDelayTerms,
  | 'delayThresholdMinutes'
  | 'paysOnCancellation'
  | 'paysOnDiversion'
  | 'credibilityK'
  | 'targetLossRatio'
  | 'minPremiumFen'
  | 'maxTriggerProbability'
> &
  Partial<
    Pick<
      FlightDelayTerms,
      | 'uncertaintyLoading'
      | 'thinCellK'
      | 'experience'
      | 'seasonality'
      | 'credibilityKByLevel'
      | 'hourBands'
      | 'surgeLoading'
    >
  > & {
    /**
     * Rounding step of the premium, in fen (default 100: whole yuan, as products.md §1 states).
     * Not a product term: the backtest uses it to measure what the whole-yuan rounding costs.
     */
    premiumRoundingFen?: number;
  };

/** Level factors measured outside the statistics cells (recent experience, month of year). */
export interface PricingAdjustments {
  /** Multiplies p: the recent-experience factor of the flight's national/carrier/airport/route. */
  experienceFactor?: number;
  /** Multiplies p: the month-of-year relativity where history has it. */
  monthFactor?: number;
  /** Multiplies the class rate: the national departure-hour-band relativity (`hour-band-factors.ts`). */
  hourBandFactor?: number;
  /**
   * Multiplies the charged p only (≥ 1): the surge loading (`surgeLoadingOf`), a charge for the
   * chance that a run of delays persists. The best estimate `probability` does not include it.
   */
  surgeLoading?: number;
}

export type PricingDeclineReason =
  /** The product's delay threshold has no counts in the statistics (only 60/90/120/180 are counted). */
  | 'THRESHOLD_NOT_COUNTED'
  /** No configured base rate and too little history to stand on its own. */
  | 'INSUFFICIENT_HISTORY'
  /** `p > maxTriggerProbability`: closer to a bet on a known delay than to insurance. */
  | 'TRIGGER_PROBABILITY_TOO_HIGH';

export type FlightDelayPrice =
  | {
      status: 'priced';
      premiumFen: number;
      /** The best estimate of p(trigger), after adjustments; what the decline rule reads. */
      probability: number;
      /** The p the premium charges: `probability` plus the thin-cell uncertainty loading, times the surge loading. */
      chargedProbability: number;
      /** Evidence to store with the quote: each level's n, observed rate, Z and estimate. */
      breakdown: LevelEvidence[];
    }
  | {
      status: 'declined';
      reason: PricingDeclineReason;
      probability: number | null;
      breakdown: LevelEvidence[];
    };

export interface PriceFlightDelayInput {
  counts: Record<StatisticLevel, OutcomeCounts>;
  /** Configured base rate for the product's threshold, if any. */
  baseRate: number | undefined;
  payoutFen: number;
  terms: FlightDelayPricingTerms;
  adjustments?: PricingAdjustments;
}

/**
 * The premium rule of products.md §1:
 * `premium = ceil_to_yuan(payout · p / target_loss_ratio)`, at least the minimum premium, and
 * a decline when `p > maxTriggerProbability` or when no level supports an estimate.
 */
export const priceFlightDelay = (input: PriceFlightDelayInput): FlightDelayPrice => {
  const { terms, payoutFen } = input;
  if (!Number.isSafeInteger(payoutFen) || payoutFen <= 0) {
    throw new RangeError(`payout must be a positive whole number of fen, got ${payoutFen}`);
  }
  const threshold = terms.delayThresholdMinutes;
  if (!isSupportedDelayThreshold(threshold)) {
    return { status: 'declined', reason: 'THRESHOLD_NOT_COUNTED', probability: null, breakdown: [] };
  }
  const estimate = estimateTriggerProbability({
    rule: {
      delayThresholdMinutes: threshold,
      paysOnCancellation: terms.paysOnCancellation,
      paysOnDiversion: terms.paysOnDiversion,
    },
    counts: input.counts,
    baseRate: input.baseRate,
    credibilityK: terms.credibilityK,
    credibilityKByLevel: terms.credibilityKByLevel,
    hourBandRelativity: input.adjustments?.hourBandFactor,
  });
  if (estimate.kind === 'insufficient-history') {
    return { status: 'declined', reason: 'INSUFFICIENT_HISTORY', probability: null, breakdown: estimate.levels };
  }
  const { levels } = estimate;
  const level = (input.adjustments?.experienceFactor ?? 1) * (input.adjustments?.monthFactor ?? 1);
  const probability = Math.min(1, estimate.probability * level);
  if (probability > terms.maxTriggerProbability) {
    return { status: 'declined', reason: 'TRIGGER_PROBABILITY_TOO_HIGH', probability, breakdown: levels };
  }
  const national = levels.find((evidence) => evidence.level === 'national')?.estimate ?? probability;
  const charged =
    terms.uncertaintyLoading !== undefined || terms.thinCellK !== undefined
      ? loadForUncertainty({
          probability,
          // The floor is the national rate for the flight's hour band: the band's relativity is
          // national evidence, not the thin cell's own.
          nationalProbability: Math.min(1, national * level * (input.adjustments?.hourBandFactor ?? 1)),
          cellFlights: input.counts.flight_season.n + input.counts.route_month_hour_band.n,
          uncertaintyLoading: terms.uncertaintyLoading ?? 0,
          thinCellK: terms.thinCellK ?? 0,
        }).probability
      : probability;
  const surged = Math.min(1, charged * Math.max(1, input.adjustments?.surgeLoading ?? 1));
  const premiumFen = premiumFenOf(payoutFen, surged, terms);
  return { status: 'priced', premiumFen, probability, chargedProbability: surged, breakdown: levels };
};

/**
 * The premium for a charged p: `payout · p / target_loss_ratio`, rounded up to the step (whole
 * yuan, so the margin is never rounded away), at least the minimum premium. The backtest's
 * target scan reprices its policies with it.
 */
export const premiumFenOf = (
  payoutFen: number,
  chargedProbability: number,
  terms: Pick<FlightDelayPricingTerms, 'targetLossRatio' | 'minPremiumFen' | 'premiumRoundingFen'>,
): number => {
  const raw = (payoutFen * chargedProbability) / terms.targetLossRatio;
  const step = terms.premiumRoundingFen ?? 100;
  const rounded = step === 100 ? ceilToYuan(raw) : Math.ceil(raw / step - 1e-9) * step;
  return Math.max(terms.minPremiumFen, rounded);
};
