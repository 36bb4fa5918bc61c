import type { RainTerms } from '../contracts/catalog.contract.js';
import { addCalendarDays, beijingInstant, type BeijingDate } from './beijing-calendar.js';

/** The part of a rain product version that closes the sale. */
export type RainSaleTerms = Pick<RainTerms, 'saleClosesAtLocalTimeDayBefore'>;

/**
 * The instant sales for a visit date close: `saleClosesAtLocalTimeDayBefore` (20:00) Beijing time
 * on the day before the visit. Closing the evening before keeps buyers from pricing off a
 * same-day nowcast (products.md §3).
 */
export const rainSaleClosesAt = (terms: RainSaleTerms, visitDate: BeijingDate): Date =>
  beijingInstant(addCalendarDays(visitDate, -1), terms.saleClosesAtLocalTimeDayBefore);

/**
 * Open strictly before the closing instant: 19:59:59.999 the day before is open, 20:00:00 is
 * closed. There is no opening date in the terms; how far ahead a visit may be booked is left to
 * the caller.
 */
export const isRainSaleOpen = (terms: RainSaleTerms, visitDate: BeijingDate, now: Date): boolean =>
  now.getTime() < rainSaleClosesAt(terms, visitDate).getTime();
