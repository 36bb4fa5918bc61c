import { formatCnyShort, unhandledKind, type CoverSubject, type WeatherSubject } from '@xiaoan/shared';
import { describeLocalDate, formatLocalDate } from '../../utils/shanghai-date';

/** `2027-06-24`…`2027-08-31` → `2027年6月24日–8月31日` (the year once when both ends share it). */
export const formatDateRange = (start: string, end: string): string =>
  start.slice(0, 4) === end.slice(0, 4)
    ? `${formatLocalDate(start)}–${describeLocalDate(end).label}`
    : `${formatLocalDate(start)}–${formatLocalDate(end)}`;

/** Millimetres of rain as the station reports them: `2` → `2.0`, `0.25` → `0.25`. */
export const formatMm = (mm: number): string => (Math.round(mm * 10) === mm * 10 ? mm.toFixed(1) : mm.toFixed(2));

export interface WeatherSubjectLines {
  /** "武汉 · 2027年高温季" / "西湖 · 杭州". */
  title: string;
  /** "2份 · 保障 2027年6月24日–8月31日" / "2027年7月1日 09:00–17:00 · 2人". */
  detail: string;
}

/** What a weather quote or policy covers, in two lines, where a flight policy shows its route. */
export const describeWeatherSubject = (subject: WeatherSubject): WeatherSubjectLines => {
  switch (subject.kind) {
    case 'heat':
      return {
        title: `${subject.cityName} · ${subject.seasonYear}年高温季`,
        detail: `${subject.units}份 · 保障 ${formatDateRange(subject.coverStartDate, subject.coverEndDate)}`,
      };
    case 'rain':
      return {
        title: `${subject.spotName} · ${subject.cityName}`,
        detail: `${formatLocalDate(subject.visitDate)} ${subject.windowStart}–${subject.windowEnd} · ${subject.persons}人`,
      };
  }
};

/** The trigger and payout in one sentence, from the subject's own terms (never hand-written figures). */
export const weatherTriggerText = (subject: WeatherSubject): string => {
  switch (subject.kind) {
    case 'heat':
      return (
        `日最高气温≥${subject.thresholdCelsius}°C 记为高温日；超过免赔 ${subject.deductibleDays} 天后，` +
        `每个高温日每份赔 ${formatCnyShort(subject.tickPerUnitFen)}，每份最高 ${formatCnyShort(subject.capPerUnitFen)}`
      );
    case 'rain':
      return (
        `${subject.windowStart}–${subject.windowEnd} 景区观测站累计降雨≥${formatMm(subject.thresholdMm)}毫米，` +
        `每人赔 ${formatCnyShort(subject.payoutPerPersonFen)}，自动发放`
      );
  }
};

/** What `payoutFen` means on a card: the flight's fixed payout, HEAT37's cap, RAIN's amount for everyone. */
export const payoutLabelOf = (subject: CoverSubject): string => {
  switch (subject.kind) {
    case 'flight':
      return '延误赔付';
    case 'heat':
      return '最高赔付';
    case 'rain':
      return '下雨赔付';
    default:
      return unhandledKind(subject);
  }
};
