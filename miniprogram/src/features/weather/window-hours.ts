import { minuteOfDay } from '@xiaoan/shared';

/** The whole hours of a visiting window: 09:00-17:00 → 9…16 (each hour counted by its start). */
export const windowHours = (windowStart: string, windowEnd: string): number[] => {
  const from = Math.floor(minuteOfDay(windowStart) / 60);
  const to = Math.ceil(minuteOfDay(windowEnd) / 60);
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
};
