import { PromiseCache } from '../../../core/cache/promise-cache.js';

/** How long a station's aggregates may be served. An import in another process shows within this time. */
export const WEATHER_HISTORY_CACHE_TTL_MS = 10 * 60_000;

/**
 * The weather-history aggregates pricing reads, kept in memory per (station, stretch or month):
 * history changes once a year, while a popular city is quoted thousands of times a minute. An import
 * in this process clears it at once.
 */
export class WeatherHistoryCache extends PromiseCache {
  constructor(ttlMs: number = WEATHER_HISTORY_CACHE_TTL_MS, now: () => number = Date.now) {
    super(ttlMs, 10_000, now);
  }
}
