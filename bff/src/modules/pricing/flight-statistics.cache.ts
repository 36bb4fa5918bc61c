import { Injectable } from '@nestjs/common';
import { PromiseCache } from '../../core/cache/promise-cache.js';

/** How long a cached answer may be served. An import shows in quotes within this time. */
export const STATISTICS_CACHE_TTL_MS = 60_000;

/**
 * A small in-process cache of statistics reads, so that the quote endpoint (≥ 3,000 quotes/s)
 * mostly prices from memory: many buyers quote the same popular flights. Statistics change only
 * when history is imported, a few times a year, so a minute of staleness is harmless. An import
 * in this process clears it at once; an import from the CLI (another process) shows within the
 * TTL.
 */
@Injectable()
export class FlightStatisticsCache extends PromiseCache {
  constructor(ttlMs: number = STATISTICS_CACHE_TTL_MS, now: () => number = Date.now) {
    super(ttlMs, 50_000, now);
  }
}
