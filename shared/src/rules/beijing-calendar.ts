/**
 * The calendar the weather products count in. A weather "day" is a calendar day in Asia/Shanghai
 * (products.md, Shared rules). China has used UTC+8 all year since 1991, so a fixed offset is exact
 * and needs no time-zone database, which keeps these rules identical on the BFF and in the
 * mini-program.
 *
 * Dates are `YYYY-MM-DD` strings: they compare correctly as strings, they are what a reading's
 * date column holds, and they cannot be mistaken for an instant.
 */
export type BeijingDate = string;

/** `MM-DD`, as a product version writes its season start and end. */
export type MonthDay = string;

/** `HH:MM` on a Beijing wall clock; `24:00` is accepted as the end of the day. */
export type TimeOfDay = string;

export const BEIJING_UTC_OFFSET_MINUTES = 8 * 60;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;
const BEIJING_OFFSET_MS = BEIJING_UTC_OFFSET_MINUTES * MS_PER_MINUTE;

const assertInstant = (instant: Date): void => {
  if (Number.isNaN(instant.getTime())) throw new RangeError('not a valid instant');
};

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`; rejects impossible dates such as 2026-02-30. */
const dayNumber = (date: BeijingDate): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  utc.setUTCFullYear(year, month - 1, day);
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${date}`);
  }
  return utc.getTime() / MS_PER_DAY;
};

const dateOfDayNumber = (days: number): BeijingDate => {
  const utc = new Date(days * MS_PER_DAY);
  const year = String(utc.getUTCFullYear()).padStart(4, '0');
  const month = String(utc.getUTCMonth() + 1).padStart(2, '0');
  const day = String(utc.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
};

/** Throws unless `date` is a real `YYYY-MM-DD` calendar date. */
export const assertBeijingDate = (date: BeijingDate): void => {
  dayNumber(date);
};

/** The Beijing calendar date of an instant: 2026-07-01T16:00Z is already 2026-07-02 in Beijing. */
export const beijingDateOf = (instant: Date): BeijingDate => {
  assertInstant(instant);
  return dateOfDayNumber(Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / MS_PER_DAY));
};

/** The instant a Beijing calendar day starts: 2026-07-02 starts at 2026-07-01T16:00Z. */
export const beijingDayStart = (date: BeijingDate): Date => new Date(dayNumber(date) * MS_PER_DAY - BEIJING_OFFSET_MS);

/** The instant a Beijing calendar day ends (exclusive): the next day's start. */
export const beijingDayEnd = (date: BeijingDate): Date =>
  new Date((dayNumber(date) + 1) * MS_PER_DAY - BEIJING_OFFSET_MS);

/** What a Beijing wall clock and calendar show at an instant; `weekday` 0 is Sunday. */
export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** The instant shifted so that its UTC fields read as Beijing's wall clock (internal). */
const wallClock = (instant: Date): Date => {
  assertInstant(instant);
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
};

export const beijingParts = (instant: Date): BeijingParts => {
  const local = wallClock(instant);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
};

/** `2026-12-04 20:31` (precision `minute`) or `2026-12-04 20:31:05` (`second`), in Beijing time. */
export const formatBeijingDateTime = (instant: Date, precision: 'minute' | 'second' = 'second'): string =>
  wallClock(instant)
    .toISOString()
    .slice(0, precision === 'minute' ? 16 : 19)
    .replace('T', ' ');

/** RFC 3339 with Beijing's offset, `2026-12-04T20:31:05+08:00`: what WeChat Pay wants for times. */
export const formatBeijingRfc3339 = (instant: Date): string => `${wallClock(instant).toISOString().slice(0, 19)}+08:00`;

/** Minutes since Beijing midnight of an instant (0-1439). */
export const beijingMinuteOfDay = (instant: Date): number => {
  assertInstant(instant);
  const msIntoDay = (((instant.getTime() + BEIJING_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return Math.floor(msIntoDay / MS_PER_MINUTE);
};

/** `"09:30"` → 570. `"24:00"` → 1440, so a window can run to the end of the day. */
export const minuteOfDay = (time: TimeOfDay): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const valid = (hours <= 23 && minutes <= 59) || (hours === 24 && minutes === 0);
  if (!valid) throw new RangeError(`not an HH:MM time of day: ${time}`);
  return hours * 60 + minutes;
};

/** The instant at which a Beijing wall clock shows `time` on `date`. */
export const beijingInstant = (date: BeijingDate, time: TimeOfDay): Date =>
  new Date(dayNumber(date) * MS_PER_DAY + minuteOfDay(time) * MS_PER_MINUTE - BEIJING_OFFSET_MS);

/** `date` moved by a whole number of calendar days (negative moves back). */
export const addCalendarDays = (date: BeijingDate, days: number): BeijingDate => {
  if (!Number.isSafeInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return dateOfDayNumber(dayNumber(date) + days);
};

/** The day of the week of a calendar date, 0 being Sunday as in `beijingParts`: 2026-12-04 is a Friday (5). */
export const weekdayOf = (date: BeijingDate): number => {
  // 1970-01-01, day number 0, was a Thursday.
  const weekday = (dayNumber(date) + 4) % 7;
  return weekday < 0 ? weekday + 7 : weekday;
};

/** `to − from` in calendar days: 07-01 → 07-04 is 3; negative when `to` is earlier. */
export const calendarDaysBetween = (from: BeijingDate, to: BeijingDate): number => dayNumber(to) - dayNumber(from);

/** `"2026-07-04"` → `"07-04"`, to find the same stretch of the calendar in another year. */
export const monthDayOf = (date: BeijingDate): MonthDay => {
  assertBeijingDate(date);
  return date.slice(5);
};

/** A run of calendar days, both ends included. */
export interface DateRange {
  start: BeijingDate;
  end: BeijingDate;
}

/** Whether `date` lies in the range, both ends included. */
export const isDateInRange = (date: BeijingDate, range: DateRange): boolean => {
  assertBeijingDate(date);
  return range.start <= date && date <= range.end;
};

/** Days in a range, both ends included; 0 when the range is empty (start after end). */
export const daysInRange = (range: DateRange): number => Math.max(0, calendarDaysBetween(range.start, range.end) + 1);

/**
 * The season of a given year from a product version's `MM-DD` start and end, both days included:
 * `seasonWindow(2026, '06-21', '08-31')` → 2026-06-21 … 2026-08-31. A season whose end comes
 * before its start in the calendar (a winter product) ends in the following year.
 */
export const seasonWindow = (year: number, seasonStart: MonthDay, seasonEnd: MonthDay): DateRange => {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a four-digit year: ${year}`);
  if (!/^\d{2}-\d{2}$/.test(seasonStart) || !/^\d{2}-\d{2}$/.test(seasonEnd)) {
    throw new RangeError(`season bounds must be MM-DD: ${seasonStart} / ${seasonEnd}`);
  }
  const endYear = seasonEnd < seasonStart ? year + 1 : year;
  const start = `${year}-${seasonStart}`;
  const end = `${endYear}-${seasonEnd}`;
  assertBeijingDate(start);
  assertBeijingDate(end);
  return { start, end };
};
