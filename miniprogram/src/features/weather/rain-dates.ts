import { addCalendarDays, beijingDateOf, isRainSaleOpen, rainSaleClosesAt, type RainTerms } from '@xiaoan/shared';

/** How far ahead a visit may be insured (VISIT_DATE_TOO_FAR beyond it). */
export const RAIN_BOOKABLE_DAYS = 30;

type RainSaleTerms = Pick<RainTerms, 'saleClosesAtLocalTimeDayBefore'>;

/**
 * The visit dates the picker offers: from the earliest whose sale is still open (tomorrow before
 * 20:00, the day after once it has passed) to today + 30 days, Beijing calendar. A hint only: the
 * BFF answers `RAIN_SALE_CLOSED` if the evening has passed meanwhile.
 */
export const rainVisitDates = (terms: RainSaleTerms, now: Date): string[] => {
  const today = beijingDateOf(now);
  const dates: string[] = [];
  for (let offset = 0; offset <= RAIN_BOOKABLE_DAYS; offset += 1) {
    const date = addCalendarDays(today, offset);
    if (isRainSaleOpen(terms, date, now)) dates.push(date);
  }
  return dates;
};

/** When the sale for `visitDate` closes, as an instant (20:00 Beijing the day before). */
export const rainSaleClosesAtIso = (terms: RainSaleTerms, visitDate: string): string =>
  rainSaleClosesAt(terms, visitDate).toISOString();
