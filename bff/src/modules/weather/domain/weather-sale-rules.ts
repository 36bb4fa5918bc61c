import {
  addCalendarDays,
  beijingDateOf,
  calendarDaysBetween,
  heatSaleStatus,
  isRainSaleOpen,
  type ErrorCode,
  type HeatCover,
  type HeatTerms,
  type ProductTerms,
  type RainTerms,
} from '@xiaoan/shared';

/** How far ahead a scenic-spot visit may be insured. */
export const RAIN_BOOKING_HORIZON_DAYS = 30;

export type HeatSaleCheck = { ok: true; cover: HeatCover } | { ok: false; code: ErrorCode };

/**
 * Whether HEAT37 for `seasonYear` may be sold at `now`: this season or the next only, and never
 * once the waiting period would end after the season (the policy could never pay).
 */
export const checkHeatSale = (terms: HeatTerms, seasonYear: number, now: Date): HeatSaleCheck => {
  const thisYear = Number(beijingDateOf(now).slice(0, 4));
  if (seasonYear !== thisYear && seasonYear !== thisYear + 1) return { ok: false, code: 'SEASON_INVALID' };
  const status = heatSaleStatus({ purchasedAt: now, seasonYear, terms });
  if (!status.open)
    return { ok: false, code: status.reason === 'SEASON_OVER' ? 'HEAT_SEASON_OVER' : 'HEAT_NO_COVER_LEFT' };
  return { ok: true, cover: status.cover };
};

/** Whether RAIN for `visitDate` may be sold at `now`: before 20:00 the day before, within 30 days. */
export const checkRainSale = (terms: RainTerms, visitDate: string, now: Date): ErrorCode | null => {
  if (!isRainSaleOpen(terms, visitDate, now)) return 'RAIN_SALE_CLOSED';
  if (calendarDaysBetween(beijingDateOf(now), visitDate) > RAIN_BOOKING_HORIZON_DAYS) return 'VISIT_DATE_TOO_FAR';
  return null;
};

/** The first season of a HEAT version still on sale at `now` (this year's, else next year's). */
export const openHeatSeason = (terms: HeatTerms, now: Date): number => {
  const thisYear = Number(beijingDateOf(now).slice(0, 4));
  return heatSaleStatus({ purchasedAt: now, seasonYear: thisYear, terms }).open ? thisYear : thisYear + 1;
};

/** `YYYY-MM-DD` → the next day, for a cover's end instant (exclusive). */
export const dayAfter = (date: string): string => addCalendarDays(date, 1);

/**
 * The stop-sale answer for a weather quote turned into an order (or a payment turned into a
 * policy): `coverEndDate` is the season's last day (HEAT37) or the visit date (RAIN).
 */
export const weatherStopSaleReason = (terms: ProductTerms, coverEndDate: string, now: Date): ErrorCode | null => {
  if (terms.kind === 'heat') {
    const sale = checkHeatSale(terms, Number(coverEndDate.slice(0, 4)), now);
    return sale.ok ? null : sale.code;
  }
  if (terms.kind === 'rain') return checkRainSale(terms, coverEndDate, now);
  return 'PRODUCT_NOT_ON_SALE';
};
