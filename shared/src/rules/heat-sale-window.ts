import { addCalendarDays } from './beijing-calendar.js';
import { heatCover, type HeatCover, type HeatCoverInput } from './heat-cover.js';

export type HeatSaleClosedReason =
  /** The season's last day has passed (Beijing time). */
  | 'SEASON_OVER'
  /** Still in season, but the waiting period would end after it: the policy could never pay. */
  | 'NO_COVER_LEFT';

export type HeatSaleStatus =
  | { open: true; cover: HeatCover; lastSaleDate: string }
  | { open: false; reason: HeatSaleClosedReason; cover: HeatCover; lastSaleDate: string };

/**
 * HEAT37 sells until the season ends (products.md §2), but a policy whose waiting period outlasts
 * the season covers no day at all, so the last sale date is `seasonEnd − waitingPeriodDays`
 * (08-28 for a 06-21…08-31 season with 3 waiting days: cover 08-31 only). Selling later would take
 * a premium for nothing. There is no opening date in the terms: buying before the season is
 * normal, and the cover then starts with the season.
 */
export const heatSaleStatus = (input: HeatCoverInput): HeatSaleStatus => {
  const cover = heatCover(input);
  const lastSaleDate = addCalendarDays(cover.season.end, -input.terms.waitingPeriodDays);
  if (cover.purchaseDate > cover.season.end) return { open: false, reason: 'SEASON_OVER', cover, lastSaleDate };
  if (cover.coveredDays === 0) return { open: false, reason: 'NO_COVER_LEFT', cover, lastSaleDate };
  return { open: true, cover, lastSaleDate };
};
