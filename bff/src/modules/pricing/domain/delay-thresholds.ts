/**
 * Arrival-delay thresholds (minutes) the statistics count. FD120 and FD60 need 120 and 60;
 * 90 and 180 are counted too so that a 90- or 180-minute variant can be launched by adding a
 * product version, without a deploy or a re-import (products.md: "every number is configuration").
 * Any other threshold has no counts behind it and is declined rather than guessed.
 */
export const DELAY_THRESHOLDS_MINUTES = [60, 90, 120, 180] as const;

export type DelayThresholdMinutes = (typeof DELAY_THRESHOLDS_MINUTES)[number];

export const isSupportedDelayThreshold = (minutes: number): minutes is DelayThresholdMinutes =>
  (DELAY_THRESHOLDS_MINUTES as readonly number[]).includes(minutes);
