import { formatCny, type HeatClaimEvidence } from '@xiaoan/shared';

/** The temperature range the bars are drawn over; readings outside it are clamped to the edges. */
export const HEAT_CHART_MIN_C = 28;
export const HEAT_CHART_MAX_C = 42;

/**
 * paying: a counted hot day that earned money; deductible: counted, inside the deductible;
 * capped: counted after the cap; uncounted: hot but outside the cover (before it, or the waiting
 * period); mild: below the threshold.
 */
export type HeatBarKind = 'paying' | 'deductible' | 'capped' | 'uncounted' | 'mild';

export interface HeatBar {
  date: string;
  tmaxCelsius: number;
  hot: boolean;
  kind: HeatBarKind;
  /** Of the plot's height. */
  heightPct: number;
  hotDayNo: number | null;
  amountFen: number;
  flagged: boolean;
}

/** Where a temperature sits on the plot, in % of its height from the bottom. */
export const heightPctOf = (celsius: number): number => {
  const clamped = Math.min(HEAT_CHART_MAX_C, Math.max(HEAT_CHART_MIN_C, celsius));
  return ((clamped - HEAT_CHART_MIN_C) / (HEAT_CHART_MAX_C - HEAT_CHART_MIN_C)) * 100;
};

/** A sliver stays visible for the coolest days, so every day of the season has a bar. */
const MIN_BAR_PCT = 2;

/** One bar per settled day of the season, in date order, classified against the claim's hot days. */
export const heatChartBars = (evidence: HeatClaimEvidence): HeatBar[] => {
  const counted = new Map(evidence.hotDays.map((day) => [day.date, day]));
  const flagged = new Set(evidence.flaggedDates);
  return [...evidence.dailyMaxima]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(({ date, tmaxCelsius }) => {
      const hot = tmaxCelsius >= evidence.thresholdCelsius;
      const day = counted.get(date);
      const kind: HeatBarKind = day
        ? day.amountFen > 0
          ? 'paying'
          : day.hotDayNo <= evidence.deductibleDays
            ? 'deductible'
            : 'capped'
        : hot
          ? 'uncounted'
          : 'mild';
      return {
        date,
        tmaxCelsius,
        hot,
        kind,
        heightPct: Math.max(MIN_BAR_PCT, heightPctOf(tmaxCelsius)),
        hotDayNo: day?.hotDayNo ?? null,
        amountFen: day?.amountFen ?? 0,
        flagged: flagged.has(date),
      };
    });
};

/**
 * Which bars get a date under the axis: the first, the last and each month's first day, skipping a
 * month start that would crowd the ends.
 */
export const axisLabelIndexes = (bars: readonly Pick<HeatBar, 'date'>[]): number[] => {
  if (bars.length === 0) return [];
  const last = bars.length - 1;
  const gap = Math.max(4, Math.round(bars.length / 8));
  const picked = [0];
  bars.forEach((bar, index) => {
    if (
      index > 0 &&
      index < last &&
      bar.date.endsWith('-01') &&
      index - picked[picked.length - 1]! >= gap &&
      last - index >= gap
    ) {
      picked.push(index);
    }
  });
  if (last > 0) picked.push(last);
  return picked;
};

/** The chart's words, for everyone and for screen readers: "已计 N 个高温日，免赔 D 天，已累计 ¥x，已领取 ¥y". */
export const heatSummaryText = (evidence: HeatClaimEvidence, amountFen: number, paidFen: number): string =>
  `已计 ${evidence.hotDays.length} 个高温日，免赔 ${evidence.deductibleDays} 天，已累计 ${formatCny(amountFen)}，已领取 ${formatCny(paidFen)}`;

/** `38.24` → `38.2°C`. */
export const formatCelsius = (celsius: number): string => `${celsius.toFixed(1)}°C`;

/** `2027-07-04` → `7/4`, for the axis. */
export const shortDate = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
