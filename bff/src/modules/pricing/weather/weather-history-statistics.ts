import {
  assertBeijingDate,
  isHotDay,
  monthDayOf,
  type DateRange,
  type HeatHistorySeason,
  type MonthDay,
} from '@xiaoan/shared';

/**
 * Pure steps between the SQL aggregates of `weather_history` and the shared pricing rules: which
 * stretch of the calendar to look at, which threshold to count against in stored tenths, which
 * past seasons are complete enough to count.
 */

/** The same days of the calendar as a cover, to find in each past year. */
export interface HistoryStretch {
  startMonthDay: MonthDay;
  endMonthDay: MonthDay;
  /** 1 when the stretch runs over New Year (a winter cover), else 0. */
  yearSpan: 0 | 1;
}

/** A cover's stretch: `2026-07-04…2026-08-31` → `07-04…08-31`. At most a year long. */
export const historyStretchOf = (cover: DateRange): HistoryStretch => {
  assertBeijingDate(cover.start);
  assertBeijingDate(cover.end);
  if (cover.end < cover.start) throw new RangeError(`cover ends before it starts: ${cover.start}…${cover.end}`);
  const startMonthDay = monthDayOf(cover.start);
  const endMonthDay = monthDayOf(cover.end);
  const yearSpan = Number(cover.end.slice(0, 4)) - Number(cover.start.slice(0, 4));
  if (yearSpan > 1 || (yearSpan === 1 && endMonthDay >= startMonthDay)) {
    throw new RangeError(
      `a cover longer than a year has no single stretch of the calendar: ${cover.start}…${cover.end}`,
    );
  }
  return { startMonthDay, endMonthDay, yearSpan: yearSpan as 0 | 1 };
};

/** `"07-04"` → `{ month: 7, day: 4 }`, for SQL's make_date. */
export const monthAndDay = (monthDay: MonthDay): { month: number; day: number } => {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!match) throw new RangeError(`not MM-DD: ${monthDay}`);
  return { month: Number(match[1]), day: Number(match[2]) };
};

/**
 * The hot-day threshold in the tenths `weather_history` stores: a stored `t` is hot exactly when
 * `t >= hotDayThresholdTenths(threshold)`. Derived from and checked against the shared `isHotDay`,
 * so the SQL count and the settlement can never disagree on the 37.0 boundary; `isHotDay` also
 * refuses a threshold finer than tenths.
 */
export const hotDayThresholdTenths = (thresholdCelsius: number): number => {
  const tenths = Math.round(thresholdCelsius * 10);
  if (!isHotDay(tenths / 10, thresholdCelsius) || isHotDay((tenths - 1) / 10, thresholdCelsius)) {
    throw new RangeError(`threshold must be in whole tenths of a degree: ${thresholdCelsius}`);
  }
  return tenths;
};

/**
 * The rain threshold in stored tenths of a mm: the least `t` with `t / 10 >= thresholdMm`.
 * 2.0 mm → 20; a threshold finer than the history (2.05) → 21, since 2.0 does not reach it.
 */
export const rainThresholdTenths = (thresholdMm: number): number => {
  if (!Number.isFinite(thresholdMm) || thresholdMm <= 0) throw new RangeError(`not a rain threshold: ${thresholdMm}`);
  // Float noise guard: 2.0 × 10 must be 20, not 20.000000000000004 rounded up to 21.
  return Math.ceil(thresholdMm * 10 - 1e-6);
};

/** One past season of a station, over a stretch, as SQL counts it. */
export interface HeatSeasonAggregate {
  /** The year the stretch starts in. */
  season: number;
  /** Calendar days in the stretch that year. */
  days: number;
  /** Of those, days with a daily maximum on record. */
  daysWithTmax: number;
  hotDays: number;
}

/** A season counts only when at least 90 % of its days have a reading (products.md §2: "seasons of daily maxima"). */
export const MIN_SEASON_COVERAGE_PERCENT = 90;

/**
 * The seasons complete enough to price from. A season with gaps would count too few hot days and
 * cheapen the price; below 90 % coverage it is left out rather than guessed at.
 */
export const completeSeasons = (aggregates: readonly HeatSeasonAggregate[]): HeatHistorySeason[] =>
  aggregates
    // Integer comparison: 65 of 72 days is 90.3 %, and 0.9 × 72 would be a float.
    .filter((season) => season.days > 0 && season.daysWithTmax * 100 >= season.days * MIN_SEASON_COVERAGE_PERCENT)
    .map((season) => ({ hotDays: season.hotDays }));

/** Mean hot days per complete season, or null with fewer than `minSeasons` of them. */
export const averageHotDaysOf = (aggregates: readonly HeatSeasonAggregate[], minSeasons: number): number | null => {
  const seasons = completeSeasons(aggregates);
  if (seasons.length === 0 || seasons.length < minSeasons) return null;
  return seasons.reduce((sum, season) => sum + ('hotDays' in season ? season.hotDays : 0), 0) / seasons.length;
};

/** A spot's history for one calendar month, all years, as SQL counts it. */
export interface RainMonthAggregate {
  /** Days of that month with a window measurement. */
  daysObserved: number;
  /** Of those, days whose window rain reached the threshold. */
  rainyDays: number;
}

/** The shared `priceRain` input: one flag per observed day, true for the days that would have paid. */
export const triggeredByDayOf = ({ daysObserved, rainyDays }: RainMonthAggregate): boolean[] =>
  Array.from({ length: daysObserved }, (_, index) => index < rainyDays);
