import { ceilToYuan, type FlightDelayTerms } from '@xiaoan/shared';

export type LossRatioGuardTerms = NonNullable<FlightDelayTerms['lossRatioGuard']>;

export interface RunningLossRatio {
  premiumFen: number;
  claimsFen: number;
}

export const lossRatioOf = (figures: RunningLossRatio): number | null =>
  figures.premiumFen > 0 ? figures.claimsFen / figures.premiumFen : null;

/**
 * Whether a version's running loss ratio says stop selling (issue 16): claims approved ÷
 * premium earned over the guard's window above `maxLossRatio`, once at least `minPremiumFen` is
 * earned (one early claim on a handful of policies is noise, not a trend). Returns the reason to
 * record, or null to keep selling.
 */
export const lossRatioStopReason = (
  guard: LossRatioGuardTerms | undefined,
  figures: RunningLossRatio,
): string | null => {
  if (!guard) return null;
  const ratio = lossRatioOf(figures);
  if (ratio === null || figures.premiumFen < guard.minPremiumFen || ratio <= guard.maxLossRatio) return null;
  return (
    `running loss ratio ${ratio.toFixed(3)} over ${guard.windowDays} days ` +
    `(claims ${figures.claimsFen} fen ÷ premium ${figures.premiumFen} fen) exceeds the configured ${guard.maxLossRatio}`
  );
};

/**
 * The terms of the version that replaces a breached one when its guard says reprice: every
 * premium × `repriceFactor` (the target loss ratio divided by it, and the minimum premium
 * multiplied and rounded up to a yuan, since most flights sell at the minimum). Everything else,
 * the guard included, is kept: the new version's running loss ratio starts afresh.
 */
export const repricedTerms = (terms: FlightDelayTerms, repriceFactor: number): FlightDelayTerms => {
  if (!(repriceFactor > 1)) throw new RangeError(`a reprice raises premiums: factor ${repriceFactor} is not above 1`);
  return {
    ...terms,
    targetLossRatio: terms.targetLossRatio / repriceFactor,
    minPremiumFen: ceilToYuan(terms.minPremiumFen * repriceFactor),
  };
};
