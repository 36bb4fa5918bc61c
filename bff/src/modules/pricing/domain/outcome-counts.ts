import { flightDelayTriggered } from '@xiaoan/shared';
import type { DelayThresholdMinutes } from './delay-thresholds.js';
import type { FlightOutcome } from './flight-history-record.js';

/**
 * Counts, never probabilities: counts add up across imports (importing April, then May, equals
 * importing both at once), and a probability is derived at quote time with whatever threshold
 * and credibility the product version asks for. Delay counts include only flights that arrived,
 * so `delayed + cancelled + diverted` never counts one flight twice.
 */
export interface OutcomeCounts {
  n: number;
  delayGe60: number;
  delayGe90: number;
  delayGe120: number;
  delayGe180: number;
  cancelled: number;
  diverted: number;
}

export const emptyCounts = (): OutcomeCounts => ({
  n: 0,
  delayGe60: 0,
  delayGe90: 0,
  delayGe120: 0,
  delayGe180: 0,
  cancelled: 0,
  diverted: 0,
});

/** Adds one flight's outcome to `counts` in place (the import aggregates millions of rows). */
export const addOutcome = (counts: OutcomeCounts, outcome: FlightOutcome): void => {
  counts.n += 1;
  if (outcome.kind === 'cancelled') counts.cancelled += 1;
  else if (outcome.kind === 'diverted') counts.diverted += 1;
  else {
    const delay = outcome.arrivalDelayMinutes;
    if (delay >= 60) counts.delayGe60 += 1;
    if (delay >= 90) counts.delayGe90 += 1;
    if (delay >= 120) counts.delayGe120 += 1;
    if (delay >= 180) counts.delayGe180 += 1;
  }
};

export const addCounts = (into: OutcomeCounts, other: OutcomeCounts): void => {
  into.n += other.n;
  into.delayGe60 += other.delayGe60;
  into.delayGe90 += other.delayGe90;
  into.delayGe120 += other.delayGe120;
  into.delayGe180 += other.delayGe180;
  into.cancelled += other.cancelled;
  into.diverted += other.diverted;
};

const delayedAtLeast = (counts: OutcomeCounts, threshold: DelayThresholdMinutes): number => {
  switch (threshold) {
    case 60:
      return counts.delayGe60;
    case 90:
      return counts.delayGe90;
    case 120:
      return counts.delayGe120;
    case 180:
      return counts.delayGe180;
  }
};

/**
 * When a flight pays, as a product version states it: FD120 pays from 120 minutes late and on
 * cancellation and diversion (products.md §1). The flags are read from the version rather than
 * assumed, so a variant that excludes cancellation is priced on what it really covers.
 */
export interface TriggerRule {
  delayThresholdMinutes: DelayThresholdMinutes;
  paysOnCancellation: boolean;
  paysOnDiversion: boolean;
}

/** How many of the counted flights would have paid under `rule`. */
export const triggersAt = (counts: OutcomeCounts, rule: TriggerRule): number =>
  delayedAtLeast(counts, rule.delayThresholdMinutes) +
  (rule.paysOnCancellation ? counts.cancelled : 0) +
  (rule.paysOnDiversion ? counts.diverted : 0);

/** Whether one flight would have paid (scores a backtest against what really happened): settlement's own rule. */
export const outcomeTriggers = (outcome: FlightOutcome, rule: TriggerRule): boolean =>
  flightDelayTriggered(outcome, rule);
