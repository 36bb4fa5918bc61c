import { beijingDateOf, calendarDaysBetween, isRainSaleOpen, type ErrorCode, type RainTerms } from '@xiaoan/shared';

/** How far ahead a scenic-spot visit may be insured. */
export const RAIN_BOOKING_HORIZON_DAYS = 30;

/** Whether RAIN for `visitDate` may be sold at `now`: before 20:00 the day before, within 30 days. */
export const checkRainSale = (terms: RainTerms, visitDate: string, now: Date): ErrorCode | null => {
  if (!isRainSaleOpen(terms, visitDate, now)) return 'RAIN_SALE_CLOSED';
  if (calendarDaysBetween(beijingDateOf(now), visitDate) > RAIN_BOOKING_HORIZON_DAYS) return 'VISIT_DATE_TOO_FAR';
  return null;
};
