import { describe, expect, it } from '@jest/globals';
import { WeatherHistoryCache } from './weather-history.cache.js';

describe('the weather-history cache', () => {
  it('serves a station from memory for ten minutes, then reads again', async () => {
    let now = 0;
    let reads = 0;
    const cache = new WeatherHistoryCache(undefined, () => now);
    const load = async () => ++reads;
    expect(await cache.get('heat|57516', load)).toBe(1);
    now = 10 * 60_000 - 1;
    expect(await cache.get('heat|57516', load)).toBe(1);
    now = 10 * 60_000;
    expect(await cache.get('heat|57516', load)).toBe(2);
  });

  it('makes one query for a burst of quotes on the same city', async () => {
    let reads = 0;
    const cache = new WeatherHistoryCache();
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 5));
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get('heat|57516', load)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(reads).toBe(1);
  });

  it('reads again after an import invalidates it, and never keeps a failed read', async () => {
    let reads = 0;
    const cache = new WeatherHistoryCache();
    await cache.get('k', async () => ++reads);
    cache.invalidate();
    expect(await cache.get('k', async () => ++reads)).toBe(2);
    await expect(cache.get('bad', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
  });
});
