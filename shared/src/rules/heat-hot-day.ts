import { assertBeijingDate, isDateInRange, type BeijingDate, type DateRange } from './beijing-calendar.js';

/** The official daily maximum of one city's reference station on one Beijing day. */
export interface DailyMaxReading {
  date: BeijingDate;
  tmaxCelsius: number;
}

// Float noise guard: 37.0 * 10 is exactly 370, but other tenths can land a hair below the integer.
const EPSILON = 1e-6;

/** A threshold as whole tenths of a degree; a threshold finer than tenths is a configuration error. */
const thresholdTenths = (thresholdCelsius: number): number => {
  const tenths = Math.round(thresholdCelsius * 10);
  if (!Number.isFinite(thresholdCelsius) || Math.abs(tenths - thresholdCelsius * 10) > EPSILON) {
    throw new RangeError(`threshold must be in whole tenths of a degree: ${thresholdCelsius}`);
  }
  return tenths;
};

/**
 * A hot day is `tmax >= threshold` (products.md §2), decided in integer tenths of a degree so
 * that 37.0 is hot and 36.9 is not, whatever binary floats make of them. A reading finer than
 * tenths is truncated (36.96 → 36.9), never rounded up into a hot day: truncation keeps the
 * comparison exactly `tmax >= threshold` for any reading.
 */
export const isHotDay = (tmaxCelsius: number, thresholdCelsius: number): boolean => {
  if (!Number.isFinite(tmaxCelsius)) throw new RangeError(`not a temperature: ${tmaxCelsius}`);
  return Math.floor(tmaxCelsius * 10 + EPSILON) >= thresholdTenths(thresholdCelsius);
};

/**
 * A daily maximum as whole hundredths of a degree, the way the BFF stores readings: truncated as
 * `isHotDay` truncates (36.999 → 3699, never rounded up to 37.00), with the same float guard, so
 * that the settlement SQL's `(hundredths / 10) * 10 >= threshold hundredths` decides exactly what
 * `isHotDay` decides for any reading.
 */
export const tmaxHundredths = (tmaxCelsius: number): number => {
  if (!Number.isFinite(tmaxCelsius)) throw new RangeError(`not a temperature: ${tmaxCelsius}`);
  return Math.floor(tmaxCelsius * 100 + EPSILON * 10);
};

/**
 * Hot days inside `range` (a policy's cover, or the part of it already observed). Pass one reading
 * per day, the latest after any correction: a second reading of the same day is refused rather
 * than counted twice or silently picked.
 */
export const countHotDays = (
  readings: readonly DailyMaxReading[],
  range: DateRange,
  thresholdCelsius: number,
): number => {
  const seen = new Set<BeijingDate>();
  let hotDays = 0;
  for (const { date, tmaxCelsius } of readings) {
    assertBeijingDate(date);
    if (seen.has(date)) throw new RangeError(`two readings for ${date}: pass the latest only`);
    seen.add(date);
    if (isDateInRange(date, range) && isHotDay(tmaxCelsius, thresholdCelsius)) hotDays += 1;
  }
  return hotDays;
};
