import { addCalendarDays, beijingDateOf, beijingParts, calendarDaysBetween, weekdayOf } from '@xiaoan/shared';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** The shared Beijing calendar (UTC+8, no daylight saving) of an epoch time. */
const shanghaiParts = (time: number) => beijingParts(new Date(time));

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `2025-06-21T00:00:00Z` → `2025年6月21日`, as a calendar day in Asia/Shanghai.
 * China has no daylight saving, so a fixed +08:00 is exact; it also avoids relying on
 * `Intl` time-zone data, which some WeChat JS engines lack.
 */
export const formatShanghaiDate = (iso: string): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const { year, month, day } = shanghaiParts(time);
  return `${year}年${month}月${day}日`;
};

/** `2025-06-21T00:30:00Z` → `08:30` in Asia/Shanghai. */
export const formatShanghaiTime = (iso: string): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '--:--';
  const { hour, minute } = shanghaiParts(time);
  return `${pad(hour)}:${pad(minute)}`;
};

/** `2025年6月21日 08:30`. */
export const formatShanghaiDateTime = (iso: string): string => `${formatShanghaiDate(iso)} ${formatShanghaiTime(iso)}`;

/** `2025-06-21T08:30:00+08:00` → `6月21日 08:30` in Asia/Shanghai: for timelines within a trip. */
export const formatShanghaiMonthDayTime = (iso: string): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const { month, day } = shanghaiParts(time);
  return `${month}月${day}日 ${formatShanghaiTime(iso)}`;
};

/**
 * A timeline's time: `6月21日 08:30` within this year (Beijing), `2027年6月21日 08:30` otherwise, so
 * that a claim of next summer (or of last year) never reads as if it were this year's.
 */
export const formatShanghaiTimelineTime = (iso: string, now: number = Date.now()): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return shanghaiParts(time).year === shanghaiParts(now).year
    ? formatShanghaiMonthDayTime(iso)
    : formatShanghaiDateTime(iso);
};

/** Calendar days from `fromIso` to `toIso` in Asia/Shanghai, e.g. 1 for a landing after midnight. */
export const shanghaiDayDiff = (fromIso: string, toIso: string): number => {
  if (Number.isNaN(Date.parse(fromIso)) || Number.isNaN(Date.parse(toIso))) return Number.NaN;
  const dayOf = (iso: string) => beijingDateOf(new Date(iso));
  return calendarDaysBetween(dayOf(fromIso), dayOf(toIso));
};

/** Today's calendar date in Asia/Shanghai as `YYYY-MM-DD`. */
export const shanghaiToday = (now: number = Date.now()): string => {
  return beijingDateOf(new Date(now));
};

/** `2025-06-21` plus `days` → `YYYY-MM-DD` (calendar arithmetic, no time zone involved). */
export const addDays = (date: string, days: number): string => addCalendarDays(date, days);

/** `2025-06-21` → `{ label: '6月21日', weekday: '周六' }`. */
export const describeLocalDate = (date: string): { label: string; weekday: string } => {
  const [, month, day] = date.split('-').map(Number);
  return { label: `${month}月${day}日`, weekday: WEEKDAYS[weekdayOf(date)]! };
};

/** `2025-06-21` → `2025年6月21日`. */
export const formatLocalDate = (date: string): string => {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

/** Milliseconds → `mm:ss`, floored at zero (a countdown). */
export const formatCountdown = (ms: number): string => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
};
