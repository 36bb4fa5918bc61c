import type { DelayThresholdMinutes } from './delay-thresholds.js';

/**
 * National trigger probabilities for Chinese domestic flights, used as the prior under the
 * imported national rate (and as the whole estimate when nothing was imported).
 *
 * Derivation: CAAC on-time performance is 80-88% depending on the year (15-minute standard),
 * so 12-20% of flights arrive 15+ minutes late. In BTS data about a fifth of those are 60+
 * minutes late and a sixteenth 120+; Chinese delays have a longer tail (flow control holds
 * aircraft for hours rather than cancelling), and cancellations (~1-2%) plus diversions
 * (~0.2%) pay too. Rounded up for prudence. These figures are configuration: the migration
 * seeds the `flight_delay_base_rates` table with a frozen copy, operations may change the rows,
 * and the backtest uses these defaults because it runs without a database.
 */
export const CHINA_BASE_TRIGGER_RATES: Readonly<Record<DelayThresholdMinutes, number>> = {
  60: 0.07,
  90: 0.05,
  120: 0.035,
  180: 0.025,
};
