import { beijingDateOf, heatSaleStatus, type HeatSaleStatus, type HeatTerms, type WeatherPlace } from '@xiaoan/shared';

export interface HeatSeasonChoice {
  seasonYear: number;
  /** What the shared rule says about buying this season now: a hint for the page, never the authority. */
  sale: HeatSaleStatus;
}

/** The sale status of one season, bought now. */
export const heatSeason = (terms: HeatTerms, seasonYear: number, now: Date): HeatSeasonChoice => ({
  seasonYear,
  sale: heatSaleStatus({ purchasedAt: now, seasonYear, terms }),
});

/**
 * The season offered by default: this year's while its sale is open, else next year's (bought
 * before the season, its cover starts with the season). The BFF decides; a client whose clock is
 * off learns the truth from `HEAT_SEASON_OVER` and moves on to the next season.
 */
export const defaultHeatSeason = (terms: HeatTerms, now: Date): HeatSeasonChoice => {
  const year = Number(beijingDateOf(now).slice(0, 4));
  const current = heatSeason(terms, year, now);
  return current.sale.open ? current : heatSeason(terms, year + 1, now);
};

/**
 * A city's deductible (hot days that pay nothing): the BFF's figure for the version on sale, else
 * the version's own table. `hasOwnProperty` rather than `Object.hasOwn`, which older WeChat
 * engines lack.
 */
export const deductibleDaysOf = (
  place: Pick<WeatherPlace, 'code' | 'deductibleDays'>,
  terms: Pick<HeatTerms, 'deductibleDaysByCity' | 'defaultDeductibleDays'>,
): number => {
  if (place.deductibleDays !== null) return place.deductibleDays;
  return Object.prototype.hasOwnProperty.call(terms.deductibleDaysByCity, place.code)
    ? terms.deductibleDaysByCity[place.code]!
    : terms.defaultDeductibleDays;
};

/** The picker's hint: "近年平均 23 个高温日"; one decimal below ten, so 0.4 does not read as 0. */
export const formatAverageHotDays = (average: number): string => {
  const shown = average >= 10 ? String(Math.round(average)) : String(Math.round(average * 10) / 10);
  return `近年平均 ${shown} 个高温日`;
};
