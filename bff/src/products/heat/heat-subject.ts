import type { HeatSubject, HeatTerms } from '@xiaoan/shared';

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
