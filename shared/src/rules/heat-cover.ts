import type { HeatTerms } from '../contracts/catalog.contract.js';
import {
  addCalendarDays,
  beijingDateOf,
  daysInRange,
  isDateInRange,
  seasonWindow,
  type BeijingDate,
  type DateRange,
} from './beijing-calendar.js';

/** The parts of a heat product version that decide when a policy is covered. */
export type HeatCoverTerms = Pick<HeatTerms, 'seasonStart' | 'seasonEnd' | 'waitingPeriodDays'>;

/**
 * The days a HEAT37 policy covers, both ends included. `start` may fall after `end` when no
 * covered day is left; `coveredDays` is then 0.
 */
export interface HeatCover extends DateRange {
  purchaseDate: BeijingDate;
  season: DateRange;
  coveredDays: number;
}

export interface HeatCoverInput {
  purchasedAt: Date;
  seasonYear: number;
  terms: HeatCoverTerms;
}

/**
 * Cover starts on the Beijing purchase date plus `waitingPeriodDays` (never before the season)
 * and ends with the season. With the 3-day waiting period, a policy bought any time on 07-01
 * covers from 07-04: the purchase day and the two days after it never count, so buying on a
 * forecast of tomorrow's heat cannot pay (products.md §2). This is the seeded clause's wording:
 * 保险责任自投保成功次日起第3日零时开始. The time of day does not matter, so two customers buying on
 * the same Beijing day get the same cover.
 */
export const heatCover = ({ purchasedAt, seasonYear, terms }: HeatCoverInput): HeatCover => {
  const purchaseDate = beijingDateOf(purchasedAt);
  const season = seasonWindow(seasonYear, terms.seasonStart, terms.seasonEnd);
  const afterWaiting = addCalendarDays(purchaseDate, terms.waitingPeriodDays);
  const start = afterWaiting > season.start ? afterWaiting : season.start;
  const cover = { start, end: season.end };
  return { purchaseDate, season, ...cover, coveredDays: daysInRange(cover) };
};

/**
 * Whether a reading of `date` counts for this policy: inside the cover, which already lies inside
 * the season. Hot days during the waiting period or outside the season never count.
 */
export const isCoveredDay = (cover: DateRange, date: BeijingDate): boolean => isDateInRange(date, cover);
