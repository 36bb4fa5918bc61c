/**
 * Beijing calendar arithmetic for the weather provider. China keeps UTC+8 all year (no daylight
 * saving), so a Beijing day is a fixed 24-hour span and an hour boundary is the same in UTC.
 */

// Local aliases, as in seeded-random.ts (global lookups are slow in jest's sandbox).
const { floor } = Math;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** The provider's range: any day of 2000–2100 can be produced on demand. */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';

/** Year, month, day → days since 1970-01-01 (Hinnant's days-from-civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + floor(yearOfEra / 4) - floor(yearOfEra / 100) + dayOfYear - 719_468;
};

/** `YYYY-MM-DD` → days since 1970-01-01 (a plain calendar count, time zone free). */
export const dayNumberOf = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
};

/** Days since 1970-01-01 → year, month, day (Hinnant's civil-from-days: no Date, the history calls it per row). */
const civilOf = (day: number): [year: number, month: number, dayOfMonth: number] => {
  const z = day + 719_468;
  const era = floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = floor(
    (dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36_524) - floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const monthIndex = floor((5 * dayOfYear + 2) / 153);
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - floor((153 * monthIndex + 2) / 5) + 1];
};

const pad2 = (value: number) => (value < 10 ? `0${value}` : `${value}`);

export const dateOfDayNumber = (day: number): string => {
  const [year, month, dayOfMonth] = civilOf(day);
  return `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
};

/** True for a real calendar date inside the provider's range (rejects 2027-02-30). */
export const isServedDate = (date: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) &&
  dateOfDayNumber(dayNumberOf(date)) === date &&
  date >= FIRST_DATE &&
  date <= LAST_DATE;

export interface CalendarDay {
  day: number;
  year: number;
  /** 0-based day of the year. */
  dayOfYear: number;
  /** 1–12. */
  month: number;
}

export const calendarDayOf = (day: number): CalendarDay => {
  const [year, month] = civilOf(day);
  return { day, year, dayOfYear: day - daysFromCivil(year, 1, 1), month };
};

/** The instant Beijing hour `hour` (0–24) of `date` starts, as `2027-07-01T14:00:00+08:00`. */
export const beijingHourIso = (date: string, hour: number): string => {
  const local = new Date(dayNumberOf(date) * DAY_MS + hour * HOUR_MS);
  return `${local.toISOString().slice(0, 19)}+08:00`;
};

/** An instant → its Beijing date and hour, or undefined when it is not on an hour boundary. */
export const beijingHourOf = (instant: string): { date: string; hour: number } | undefined => {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms) || ms % HOUR_MS !== 0) return undefined;
  const local = new Date(ms + BEIJING_OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), hour: local.getUTCHours() };
};
