interface Entry<T> {
  expiresAt: number;
  value: Promise<T>;
}

/** How long a station's aggregates may be served. An import in another process shows within this time. */
export const WEATHER_HISTORY_CACHE_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * The weather-history aggregates pricing reads, kept in memory per (station, stretch or month):
 * history changes once a year, while a popular city is quoted thousands of times a minute. An import
 * in this process clears it at once. Concurrent misses for one key share one query (the promise is
 * cached), and a failed query is never served.
 */
export class WeatherHistoryCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly ttlMs: number = WEATHER_HISTORY_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value as Promise<T>;
    if (hit) this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const value = load();
    this.entries.set(key, { expiresAt: this.now() + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }
}
