/**
 * WeChat Pay retries a notification that was not answered 200/204 on this schedule
 * (wechat.md §4): 15 retries, 24 h 4 m in all. Seconds before each retry.
 */
export const NOTIFICATION_RETRY_SCHEDULE_SECONDS: readonly number[] = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

/** Scales a schedule step by the simulator's time scale; never below 1 ms so ordering holds. */
export function scaledDelayMs(seconds: number, timeScale: number): number {
  return Math.max(1, Math.round((seconds * 1000) / timeScale));
}
