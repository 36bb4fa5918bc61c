import type { HeatTerms } from '../contracts/catalog.contract.js';
import { ceilToYuan, type Fen } from '../money/money.js';
import { addCalendarDays, type BeijingDate, type DateRange } from './beijing-calendar.js';
import { isHotDay } from './heat-hot-day.js';
import { heatPayoutPerUnitFen } from './heat-payout.js';

/** The parts of a heat product version that pricing reads. */
export type HeatPricingTerms = Pick<
  HeatTerms,
  | 'thresholdCelsius'
  | 'tickPerUnitFen'
  | 'capPerUnitFen'
  | 'uncertaintyLoading'
  | 'targetLossRatio'
  | 'minHistorySeasons'
>;

/**
 * One past season of the city, restricted to the same calendar stretch as the days still to be
 * priced (e.g. 07-04…08-31 of 2016): either its hot-day count, or its daily maxima to count.
 */
export type HeatHistorySeason = { hotDays: number } | { dailyMaxCelsius: readonly number[] };

export type HeatPricingDeclineReason =
  /** Fewer past seasons than the version's `minHistorySeasons`: too little to price a tail risk. */
  | 'INSUFFICIENT_HISTORY'
  /** No past season would have paid: the premium would be 0, and nothing can be sold for 0. */
  | 'NO_EXPECTED_PAYOUT';

export type HeatPrice =
  | {
      status: 'priced';
      premiumPerUnitFen: Fen;
      /** Mean payout per unit over the seasons, unrounded: evidence to store with the quote. */
      expectedPayoutPerUnitFen: number;
      seasonsUsed: number;
    }
  | {
      status: 'declined';
      reason: HeatPricingDeclineReason;
      expectedPayoutPerUnitFen: number | null;
      seasonsUsed: number;
    };

export interface PriceHeatInput {
  terms: HeatPricingTerms;
  /** The city's deductible (see `heatDeductibleDays`). */
  deductibleDays: number;
  /** Past seasons over the days still to come (the whole cover for a new policy). */
  history: readonly HeatHistorySeason[];
  /**
   * Hot days this cover has already counted (inside the cover, so after the waiting period).
   * 0 for a new policy: its cover has not started when it is quoted.
   */
  hotDaysAlreadyCounted?: number;
}

const hotDaysOf = (season: HeatHistorySeason, thresholdCelsius: number): number =>
  'hotDays' in season
    ? season.hotDays
    : season.dailyMaxCelsius.filter((tmax) => isHotDay(tmax, thresholdCelsius)).length;

/**
 * The premium rule of products.md §2, per unit:
 * `ceil_to_yuan(mean over seasons of payout(hot days) · (1 + uncertainty_loading) / target_loss_ratio)`.
 *
 * Re-pricing during the season is the same rule over the remaining days only: each past season
 * contributes the hot days of the remaining stretch, added to the hot days this cover has already
 * counted, and the payout formula (deductible, cap) applies to the sum. A day already observed
 * therefore moves the price by what it did to the payout, not by a guess.
 */
export const priceHeat = (input: PriceHeatInput): HeatPrice => {
  const { terms, deductibleDays, history } = input;
  const alreadyCounted = input.hotDaysAlreadyCounted ?? 0;
  if (!Number.isSafeInteger(alreadyCounted) || alreadyCounted < 0) {
    throw new RangeError(`hot days already counted must be a whole number >= 0, got ${alreadyCounted}`);
  }
  const seasonsUsed = history.length;
  if (seasonsUsed < terms.minHistorySeasons || seasonsUsed === 0) {
    return { status: 'declined', reason: 'INSUFFICIENT_HISTORY', expectedPayoutPerUnitFen: null, seasonsUsed };
  }
  const totalFen = history.reduce(
    (sum, season) =>
      sum +
      heatPayoutPerUnitFen({
        hotDays: alreadyCounted + hotDaysOf(season, terms.thresholdCelsius),
        deductibleDays,
        terms,
      }),
    0,
  );
  // Integer fen summed, then one division: the mean is as exact as a float allows.
  const expectedPayoutPerUnitFen = totalFen / seasonsUsed;
  if (expectedPayoutPerUnitFen === 0) {
    return { status: 'declined', reason: 'NO_EXPECTED_PAYOUT', expectedPayoutPerUnitFen, seasonsUsed };
  }
  // Whole yuan, rounded up so the loading and the loss ratio are never rounded away.
  const premiumPerUnitFen = ceilToYuan(
    (expectedPayoutPerUnitFen * (1 + terms.uncertaintyLoading)) / terms.targetLossRatio,
  );
  return { status: 'priced', premiumPerUnitFen, expectedPayoutPerUnitFen, seasonsUsed };
};

/**
 * The days of a cover still to be priced when readings are known up to and including
 * `observedThrough`: from the later of the cover start and the day after, to the cover end.
 * For a new policy the whole cover remains. Slice each past season to the same `MM-DD` stretch.
 */
export const heatRemainingDays = (cover: DateRange, observedThrough: BeijingDate): DateRange => {
  const next = addCalendarDays(observedThrough, 1);
  return { start: next > cover.start ? next : cover.start, end: cover.end };
};
