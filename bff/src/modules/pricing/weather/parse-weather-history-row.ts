import { assertBeijingDate, type BeijingDate } from '@xiaoan/shared';
import { WeatherHistoryRowError } from './weather-history-row.error.js';

/** The header a weather-history CSV must start with. */
export const WEATHER_HISTORY_COLUMNS = ['station', 'date', 'tmax', 'precipitation'] as const;

/** One station-day of history, as `weather_history` stores it. */
export interface WeatherHistoryRecord {
  stationId: string;
  day: BeijingDate;
  /** Daily maximum in tenths of a °C; null when the station has no reading that day. */
  tmaxTenths: number | null;
  /** Rain in the 09:00-17:00 visiting window in tenths of a mm; null when not measured. */
  precipTenths: number | null;
}

const STATION = /^[A-Za-z0-9_-]{1,16}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Physically plausible bounds, in tenths: a reading outside them is a unit or typing error. */
const TMAX_MIN_TENTHS = -600;
const TMAX_MAX_TENTHS = 600;
const PRECIP_MAX_TENTHS = 5000;

/**
 * A decimal string as whole tenths, floored as the claim rules compare (36.96 → 369: never rounded
 * up into a hot day or a rainy window; −0.05 → −1). Worked on the digits, not on a float.
 * Null for anything that is not a plain decimal (`NaN`, `1e3`, `37,5`, `abc`).
 */
const decimalToTenths = (text: string): { tenths: number; negative: boolean } | null => {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  // Six digits before the point is already far outside every bound; stop before Number loses digits.
  if (whole.length > 6) return { tenths: Number.POSITIVE_INFINITY * (sign === '-' ? -1 : 1), negative: sign === '-' };
  const negative = sign === '-' && /[1-9]/.test(whole + fraction);
  // Floor: digits past the tenths drop a positive value and push a negative one down.
  const beyondTenths = /[1-9]/.test(fraction.slice(1));
  const magnitude = Number(whole || '0') * 10 + Number(fraction[0] ?? '0') + (negative && beyondTenths ? 1 : 0);
  // `|| 0` turns −0 into 0.
  return { tenths: (negative ? -magnitude : magnitude) || 0, negative };
};

/** Whether a CSV record is the required header (any case, surrounding spaces ignored). */
export const isWeatherHistoryHeader = (fields: readonly string[]): boolean =>
  fields.length === WEATHER_HISTORY_COLUMNS.length &&
  WEATHER_HISTORY_COLUMNS.every((name, index) => fields[index]!.trim().toLowerCase() === name);

/**
 * Reads one data line of `station,date,tmax,precipitation`: tmax in °C, precipitation in mm of
 * rain in the visiting window; either may be empty (not observed). Values are kept to 0.1 as
 * integer tenths. A line that breaks a rule throws with its line number and the reason.
 */
export const parseWeatherHistoryRow = (fields: readonly string[], lineNumber: number): WeatherHistoryRecord => {
  const fail = (reason: string): never => {
    throw new WeatherHistoryRowError(lineNumber, reason);
  };
  if (fields.length !== WEATHER_HISTORY_COLUMNS.length) {
    fail(
      `expected ${WEATHER_HISTORY_COLUMNS.length} columns (${WEATHER_HISTORY_COLUMNS.join(',')}), found ${fields.length}`,
    );
  }
  const [station, date, tmax, precipitation] = fields.map((field) => field.trim()) as [string, string, string, string];

  if (!STATION.test(station)) fail(`station must be 1-16 letters, digits, '-' or '_', got "${station}"`);
  if (!DATE.test(date)) fail(`date must be YYYY-MM-DD, got "${date}"`);
  try {
    assertBeijingDate(date);
  } catch {
    fail(`no such date: "${date}"`);
  }

  let tmaxTenths: number | null = null;
  if (tmax !== '') {
    const parsed = decimalToTenths(tmax);
    if (!parsed) fail(`tmax must be a number of °C, got "${tmax}"`);
    // Bounds on the value as written (60.05 is out even though its floor, 60.0, is not).
    if (
      parsed!.tenths < TMAX_MIN_TENTHS ||
      parsed!.tenths > TMAX_MAX_TENTHS ||
      Math.abs(Number(tmax)) > TMAX_MAX_TENTHS / 10
    )
      fail(`tmax must be between -60 and 60 °C, got "${tmax}"`);
    tmaxTenths = parsed!.tenths;
  }

  let precipTenths: number | null = null;
  if (precipitation !== '') {
    const parsed = decimalToTenths(precipitation);
    if (!parsed) fail(`precipitation must be a number of mm, got "${precipitation}"`);
    if (parsed!.negative) fail(`precipitation cannot be negative, got "${precipitation}"`);
    if (parsed!.tenths > PRECIP_MAX_TENTHS || Number(precipitation) > PRECIP_MAX_TENTHS / 10)
      fail(`precipitation must be at most 500 mm, got "${precipitation}"`);
    precipTenths = parsed!.tenths;
  }

  return { stationId: station, day: date, tmaxTenths, precipTenths };
};
