import { formatCny } from '@xiaoan/shared';
import type { PricingBacktestResult } from './run-pricing-backtest.js';

const pct = (value: number, digits = 2): string => `${(value * 100).toFixed(digits)}%`;
const int = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The backtest as an actuary reads it: calibration table first, then the money. */
export const formatBacktestReport = (title: string, result: PricingBacktestResult, targetLossRatio: number): string => {
  const lines: string[] = [];
  lines.push(title);
  lines.push(
    `  test flights ${int(result.flights)}; with training history at flight×season ${pct(result.coverage.flightSeason, 1)}, ` +
      `route×month×hour band ${pct(result.coverage.routeMonthHourBand, 1)}`,
  );
  lines.push('  decile  flights  predicted p range     mean predicted  observed   obs/pred');
  result.deciles.forEach((bucket, index) => {
    const ratio = bucket.meanPredicted > 0 ? (bucket.observedRate / bucket.meanPredicted).toFixed(2) : '-';
    lines.push(
      `  ${String(index + 1).padStart(6)}  ${String(bucket.flights).padStart(7)}  ` +
        `${pct(bucket.minPredicted).padStart(7)} - ${pct(bucket.maxPredicted).padEnd(7)}    ` +
        `${pct(bucket.meanPredicted).padStart(8)}      ${pct(bucket.observedRate).padStart(7)}   ${ratio.padStart(7)}`,
    );
  });
  const skill = result.brierNationalRate > 0 ? 1 - result.brier / result.brierNationalRate : 0;
  lines.push(
    `  Brier ${result.brier.toFixed(5)} (national rate alone ${result.brierNationalRate.toFixed(5)}, skill ${pct(skill, 1)})`,
  );
  lines.push(
    `  triggers: predicted ${result.predictedTriggers.toFixed(1)}, observed ${int(result.observedTriggers)} ` +
      `(observed/predicted ${(result.predictedTriggers > 0 ? result.observedTriggers / result.predictedTriggers : 0).toFixed(3)})`,
  );
  const declined = Object.entries(result.declined);
  lines.push(
    `  quoted ${int(result.quoted)}, declined ${declined.length ? declined.map(([reason, n]) => `${int(n)} ${reason}`).join(', ') : '0'}`,
  );
  lines.push(
    `  premium ${formatCny(result.premiumFen)}, claims ${formatCny(result.claimsFen)}, ` +
      `loss ratio ${result.lossRatio.toFixed(3)} (target ${targetLossRatio})`,
  );
  return lines.join('\n');
};
