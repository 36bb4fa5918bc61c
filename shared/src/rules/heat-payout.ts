import type { HeatTerms } from '../contracts/catalog.contract.js';
import type { Fen } from '../money/money.js';

/** The parts of a heat product version that the payout formula reads. */
export type HeatPayoutTerms = Pick<HeatTerms, 'tickPerUnitFen' | 'capPerUnitFen'>;

export interface HeatPayoutInput {
  /** Hot days counted inside the policy's cover so far. */
  hotDays: number;
  deductibleDays: number;
  units: number;
  terms: HeatPayoutTerms;
}

const assertCount = (name: string, value: number, min: number): void => {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be a whole number >= ${min}, got ${value}`);
};

/**
 * The city's deductible (the option's strike), falling back to the version's default for a city
 * the version does not name. `Object.hasOwn` so a city code such as `constructor` cannot pick up
 * an inherited property.
 */
export const heatDeductibleDays = (
  terms: Pick<HeatTerms, 'deductibleDaysByCity' | 'defaultDeductibleDays'>,
  cityCode: string,
): number => {
  const byCity = terms.deductibleDaysByCity;
  return Object.hasOwn(byCity, cityCode) ? byCity[cityCode]! : terms.defaultDeductibleDays;
};

/** Per unit: `min(cap, tick · max(0, hotDays − deductible))`, an index option (products.md §2). */
export const heatPayoutPerUnitFen = ({ hotDays, deductibleDays, terms }: Omit<HeatPayoutInput, 'units'>): Fen => {
  assertCount('hot days', hotDays, 0);
  assertCount('deductible days', deductibleDays, 0);
  return Math.min(terms.capPerUnitFen, terms.tickPerUnitFen * Math.max(0, hotDays - deductibleDays));
};

/** What the whole policy has earned after `hotDays` covered hot days: the per-unit payout × units. */
export const heatPayoutFen = (input: HeatPayoutInput): Fen => {
  assertCount('units', input.units, 1);
  return heatPayoutPerUnitFen(input) * input.units;
};

export interface HeatAccrualInput extends Omit<HeatPayoutInput, 'hotDays'> {
  /** Hot days already counted for the policy before this one. */
  previousHotDays: number;
}

/**
 * What one more covered hot day adds: `payout(n) − payout(n − 1)` with `n = previousHotDays + 1`.
 * Zero inside the deductible and once the cap is reached; the tick (× units) in between. Defined
 * as a difference of totals, so the daily accruals always sum to the season's payout, cap included.
 */
export const heatAccrualFen = ({ previousHotDays, ...rest }: HeatAccrualInput): Fen =>
  heatPayoutFen({ ...rest, hotDays: previousHotDays + 1 }) - heatPayoutFen({ ...rest, hotDays: previousHotDays });
