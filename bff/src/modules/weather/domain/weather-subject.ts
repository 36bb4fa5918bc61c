import { rainSaleClosesAt, type HeatSubject, type HeatTerms, type RainSubject, type RainTerms } from '@xiaoan/shared';

/** What a HEAT37 quote or policy covers, as the customer reads it. */
export const heatSubjectOf = (
  terms: HeatTerms,
  city: { code: string; name: string },
  cover: { seasonYear: number; units: number; start: string; end: string; deductibleDays: number },
): HeatSubject => ({
  kind: 'heat',
  cityCode: city.code,
  cityName: city.name,
  seasonYear: cover.seasonYear,
  units: cover.units,
  coverStartDate: cover.start,
  coverEndDate: cover.end,
  deductibleDays: cover.deductibleDays,
  thresholdCelsius: terms.thresholdCelsius,
  tickPerUnitFen: terms.tickPerUnitFen,
  capPerUnitFen: terms.capPerUnitFen,
});

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
