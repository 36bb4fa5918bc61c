import type { RainTerms } from '../contracts/catalog.contract.js';
import {
  assertBeijingDate,
  beijingDateOf,
  beijingMinuteOfDay,
  minuteOfDay,
  type BeijingDate,
} from './beijing-calendar.js';

/** The parts of a rain product version that decide whether a visit day pays. */
export type RainTriggerTerms = Pick<RainTerms, 'thresholdMm' | 'windowStart' | 'windowEnd'>;

/**
 * One hour of precipitation at a spot's reference station, labelled by the instant the hour
 * *starts*. Providers that label an hour by its end (the CMA's 10:00 value is 09:00-10:00 rain)
 * are shifted back one hour by their adapter, so the rule reads one convention only.
 */
export interface HourlyPrecipitation {
  hourStart: Date;
  precipitationMm: number;
}

export interface RainTriggerResult {
  triggered: boolean;
  /** Rain summed over the window hours received so far, for the claim's evidence. */
  windowTotalMm: number;
  /** How many window hours were summed (8 for a complete 09:00-17:00 day). */
  hoursCounted: number;
}

// Rain is summed as integer hundredths of a mm: 0.7 + 0.6 + 0.7 is exactly 2.0, and a gauge
// reporting in 0.1 or 0.01 mm is summed without loss.
const toHundredths = (mm: number): number => {
  if (!Number.isFinite(mm) || mm < 0) throw new RangeError(`not a precipitation amount: ${mm}`);
  return Math.round(mm * 100);
};

/**
 * The trigger of products.md §3: precipitation at the spot during the visiting window on the visit
 * day, `>= thresholdMm`. An hour counts when it starts inside `[windowStart, windowEnd)` on the
 * visit date in Beijing time, so 09:00-17:00 sums the eight hours 09:00…16:00 and is exactly the
 * rain that fell between 09:00 and 17:00. Readings of other days or hours are ignored.
 *
 * Works on a partial day: the sum only grows, so the claim can be approved as soon as the hour
 * that crosses the threshold arrives, without waiting for 17:00.
 */
export const rainTrigger = (
  terms: RainTriggerTerms,
  visitDate: BeijingDate,
  readings: readonly HourlyPrecipitation[],
): RainTriggerResult => {
  assertBeijingDate(visitDate);
  const from = minuteOfDay(terms.windowStart);
  const to = minuteOfDay(terms.windowEnd);
  const seen = new Set<number>();
  let totalHundredths = 0;
  for (const { hourStart, precipitationMm } of readings) {
    const amount = toHundredths(precipitationMm);
    if (beijingDateOf(hourStart) !== visitDate) continue;
    const minute = beijingMinuteOfDay(hourStart);
    if (minute < from || minute >= to) continue;
    if (seen.has(minute))
      throw new RangeError(`two readings for the hour starting ${hourStart.toISOString()}: pass the latest only`);
    seen.add(minute);
    totalHundredths += amount;
  }
  return {
    triggered: totalHundredths >= toHundredths(terms.thresholdMm),
    windowTotalMm: totalHundredths / 100,
    hoursCounted: seen.size,
  };
};
