import type { RainTerms } from '../contracts/catalog.contract.js';
import { ceilToFen, type Fen } from '../money/money.js';
import { rainPayoutFen } from './rain-payout.js';

/** The parts of a rain product version that pricing reads. */
export type RainPricingTerms = Pick<
  RainTerms,
  'payoutPerPersonFen' | 'maxPersons' | 'targetLossRatio' | 'minPremiumFen'
>;

export type RainPricingDeclineReason =
  /** The spot has no recorded day in that month: there is nothing to estimate `p` from. */
  'INSUFFICIENT_HISTORY';

export type RainPrice =
  | {
      status: 'priced';
      premiumFen: Fen;
      /** Share of the month's past days whose window rain reached the threshold: evidence. */
      probability: number;
      daysObserved: number;
    }
  | { status: 'declined'; reason: RainPricingDeclineReason; probability: null; daysObserved: 0 };

export interface PriceRainInput {
  terms: RainPricingTerms;
  persons: number;
  /**
   * One entry per past day of the spot in the visit's month (all years): whether that day's window
   * rain reached the threshold. Computed with `rainTrigger`, or the same rule in SQL.
   */
  triggeredByDay: readonly boolean[];
}

/**
 * The premium rule of products.md §3:
 * `ceil_to_fen(payout_per_person · persons · p / target_loss_ratio)`, at least `minPremiumFen`,
 * with `p` the spot's empirical trigger rate for the month. Rounded up to the fen (not the yuan as
 * for HEAT37) because the premium is a few yuan and whole-yuan rounding would distort it.
 */
export const priceRain = ({ terms, persons, triggeredByDay }: PriceRainInput): RainPrice => {
  const payoutFen = rainPayoutFen(terms, persons);
  const daysObserved = triggeredByDay.length;
  if (daysObserved === 0)
    return { status: 'declined', reason: 'INSUFFICIENT_HISTORY', probability: null, daysObserved: 0 };
  const probability = triggeredByDay.filter(Boolean).length / daysObserved;
  const premiumFen = Math.max(terms.minPremiumFen, ceilToFen((payoutFen * probability) / terms.targetLossRatio));
  return { status: 'priced', premiumFen, probability, daysObserved };
};
