import type { FlightDelayTerms } from '@xiaoan/shared';

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
export const lossRatioStopReason = (guard: LossRatioGuardTerms | undefined, figures: RunningLossRatio): string | null => {
  if (!guard) return null;
  const ratio = lossRatioOf(figures);
  if (ratio === null || figures.premiumFen < guard.minPremiumFen || ratio <= guard.maxLossRatio) return null;
  return (
    `running loss ratio ${ratio.toFixed(3)} over ${guard.windowDays} days ` +
    `(claims ${figures.claimsFen} fen ÷ premium ${figures.premiumFen} fen) exceeds the configured ${guard.maxLossRatio}`
  );
};
