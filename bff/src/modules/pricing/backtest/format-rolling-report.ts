import { formatCny } from '@xiaoan/shared';
import type { BookSummary, RollingBacktestResult } from './run-rolling-backtest.js';

const pct = (value: number, digits = 2): string => `${(value * 100).toFixed(digits)}%`;

const calibration = (book: BookSummary): string =>
  book.deciles
    .map((bucket) => (bucket.meanPredicted > 0 ? (bucket.observedRate / bucket.meanPredicted).toFixed(2) : '-'))
    .join(' ');

/** One line per fold and one overall, then the overall calibration table. */
export const formatRollingReport = (title: string, result: RollingBacktestResult, targetLossRatio: number): string => {
  const lines = [title];
  lines.push(
    '  fold                      train  flights  declined  predicted  observed  obs/pred  Brier skill  exp.factor  loss ratio  model LR',
  );
  for (const fold of result.folds) {
    lines.push(
      `  ${fold.from} … ${fold.to}  ${String(fold.trainingFlights).padStart(6)}  ${String(fold.flights).padStart(7)}  ${String(fold.declined).padStart(8)}  ` +
        `${fold.predictedTriggers.toFixed(1).padStart(9)}  ${String(fold.observedTriggers).padStart(8)}  ` +
        `${(fold.predictedTriggers > 0 ? fold.observedTriggers / fold.predictedTriggers : 0).toFixed(2).padStart(8)}  ` +
        `${pct(fold.brierSkill, 1).padStart(11)}  ${fold.meanExperienceFactor.toFixed(2).padStart(10)}  ${fold.lossRatio.toFixed(3).padStart(10)}  ${fold.modelLossRatio.toFixed(3).padStart(8)}`,
    );
    lines.push(`      calibration obs/pred by decile: ${calibration(fold)}`);
  }
  const o = result.overall;
  lines.push(
    `  overall: ${o.flights} flights, ${o.declined} declined; triggers predicted ${o.predictedTriggers.toFixed(1)}, observed ${o.observedTriggers} ` +
      `(obs/pred ${(o.predictedTriggers > 0 ? o.observedTriggers / o.predictedTriggers : 0).toFixed(3)}); ` +
      `Brier ${o.brier.toFixed(5)} vs base rate ${o.brierBaseRate.toFixed(5)} (skill ${pct(o.brierSkill, 1)}; against the rate known on each sale day ${pct(o.brierSkillAtSale, 1)})`,
  );
  lines.push(
    `  overall: premium ${formatCny(o.premiumFen)}, claims ${formatCny(o.claimsFen)}, loss ratio ${o.lossRatio.toFixed(3)} (book target 0.65 ± 0.10; premium formula divides by ${targetLossRatio}), ` +
      `before the minimum premium and rounding ${o.modelLossRatio.toFixed(3)}; ` +
      `worst fold ${Math.max(0, ...result.folds.map((f) => f.lossRatio)).toFixed(3)}`,
  );
  lines.push('  decile  flights  predicted p range     mean predicted  observed   obs/pred');
  o.deciles.forEach((bucket, index) => {
    lines.push(
      `  ${String(index + 1).padStart(6)}  ${String(bucket.flights).padStart(7)}  ` +
        `${pct(bucket.minPredicted).padStart(7)} - ${pct(bucket.maxPredicted).padEnd(7)}    ` +
        `${pct(bucket.meanPredicted).padStart(8)}      ${pct(bucket.observedRate).padStart(7)}   ` +
        `${(bucket.meanPredicted > 0 ? bucket.observedRate / bucket.meanPredicted : 0).toFixed(2).padStart(7)}`,
    );
  });
  return lines.join('\n');
};
