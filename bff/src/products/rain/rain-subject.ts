import { rainSaleClosesAt, type RainSubject, type RainTerms } from '@xiaoan/shared';

/** What a RAIN quote or policy covers, as the customer reads it. */
export const rainSubjectOf = (
  terms: RainTerms,
  spot: { code: string; name: string; cityName: string },
  visit: { date: string; persons: number },
): RainSubject => ({
  kind: 'rain',
  spotCode: spot.code,
  spotName: spot.name,
  cityName: spot.cityName,
  visitDate: visit.date,
  persons: visit.persons,
  thresholdMm: terms.thresholdMm,
  windowStart: terms.windowStart,
  windowEnd: terms.windowEnd,
  payoutPerPersonFen: terms.payoutPerPersonFen,
  saleClosesAt: rainSaleClosesAt(terms, visit.date).toISOString(),
});
