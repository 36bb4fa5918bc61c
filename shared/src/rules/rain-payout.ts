import type { RainTerms } from '../contracts/catalog.contract.js';
import type { Fen } from '../money/money.js';

/** The parts of a rain product version that the payout reads. */
export type RainPayoutTerms = Pick<RainTerms, 'payoutPerPersonFen' | 'maxPersons'>;

/**
 * A fixed amount per named person (10 yuan, products.md §3), for 1…maxPersons persons. A count
 * outside that range is refused here too, so a bad quote can never become a bad payout.
 */
export const rainPayoutFen = (terms: RainPayoutTerms, persons: number): Fen => {
  if (!Number.isSafeInteger(persons) || persons < 1 || persons > terms.maxPersons) {
    throw new RangeError(`persons must be 1-${terms.maxPersons}, got ${persons}`);
  }
  return terms.payoutPerPersonFen * persons;
};
