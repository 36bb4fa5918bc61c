import { addCalendarDays, beijingInstant, type BeijingDate } from '@xiaoan/shared';

/** pg-boss queues of the weather module. */
export const WEATHER_QUEUES = {
  /** Settle one city-day of HEAT37: `{ placeCode, day }`. */
  settleHeatDay: 'weather.settle-heat-day',
  /** Every 5 minutes: settle the city-days that are due, lapse weather policies whose cover ended. */
  sweep: 'weather.sweep',
  /** Daily (and on demand): pull a day's observations from WEATHER_DATA_ORIGIN: `{ date? }`. */
  pull: 'weather.pull',
  /** After a settlement that accrued money: the subscribe messages of a city's new heat claims. */
  notifyHeatClaims: 'weather.notify-heat-claims',
} as const;

/**
 * A hot day pays "the next morning" (products.md §2): the city-day is settled at 08:00 Beijing the
 * day after, so that a provider's correction during the night is still applied.
 */
export const HEAT_SETTLE_LOCAL_TIME = '08:00';
export const heatSettleAt = (day: BeijingDate): Date => beijingInstant(addCalendarDays(day, 1), HEAT_SETTLE_LOCAL_TIME);
