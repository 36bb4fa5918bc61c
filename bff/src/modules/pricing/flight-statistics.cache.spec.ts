import { describe, expect, it } from '@jest/globals';
import { FlightStatisticsCache } from './flight-statistics.cache.js';

describe('the statistics cache', () => {
  it('serves a read from memory until it expires, then reads again', async () => {
    let now = 0;
    let reads = 0;
    const cache = new FlightStatisticsCache(1000, () => now);
    const load = async () => ++reads;
    expect(await cache.get('MU5101', load)).toBe(1);
    now = 999;
    expect(await cache.get('MU5101', load)).toBe(1);
    now = 1000;
    expect(await cache.get('MU5101', load)).toBe(2);
  });

  it('makes one read for a burst of quotes on the same flight', async () => {
    let reads = 0;
    const cache = new FlightStatisticsCache();
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 5));
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get('MU5101', load)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(reads).toBe(1);
  });

  it('reads again after an import invalidates it, and never keeps a failed read', async () => {
    let reads = 0;
    const cache = new FlightStatisticsCache();
    await cache.get('k', async () => ++reads);
    cache.invalidate();
    expect(await cache.get('k', async () => ++reads)).toBe(2);
    await expect(cache.get('bad', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
  });
});
