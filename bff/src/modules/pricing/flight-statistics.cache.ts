import { Injectable } from '@nestjs/common';

interface Entry<T> {
  expiresAt: number;
  value: Promise<T>;
}

/** How long a cached answer may be served. An import shows in quotes within this time. */
export const STATISTICS_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 50_000;

/**
 * A small in-process cache of statistics reads, so that the quote endpoint (≥ 3,000 quotes/s)
 * mostly prices from memory: many buyers quote the same popular flights. Statistics change only
 * when history is imported, a few times a year, so a minute of staleness is harmless. An import
 * in this process clears it at once; an import from the CLI (another process) shows within the
 * TTL. Concurrent misses for one key share one query (the promise is cached), so a burst on a
 * newly listed flight makes one database round trip, not hundreds.
 */
@Injectable()
export class FlightStatisticsCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly ttlMs: number = STATISTICS_CACHE_TTL_MS,
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
    // A failed read must not be served from the cache until the TTL ends.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }
}
