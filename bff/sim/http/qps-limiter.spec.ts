import { describe, expect, it } from '@jest/globals';
import { QpsLimiter } from './v3-route.js';

describe('the transfer QPS limiter (a sliding one-second window)', () => {
  it('admits 100 in a second, refuses the 101st, and admits again as the first ones leave the window', () => {
    let now = 10_000;
    const limiter = new QpsLimiter(
      () => 100,
      () => now,
    );
    const admitted = Array.from({ length: 100 }, (_, i) => {
      now = 10_000 + i * 5; // 100 requests over 495 ms
      return limiter.tryAcquire();
    });
    expect(admitted.every(Boolean)).toBe(true);
    now = 10_999;
    expect(limiter.tryAcquire()).toBe(false);
    // The first request (at 10,000) leaves the window at 11,000: one place opens, not more.
    now = 11_000;
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(false);
    // A refused request takes no place: after the whole burst has left, 100 fit again.
    now = 12_500;
    expect(Array.from({ length: 100 }, () => limiter.tryAcquire()).every(Boolean)).toBe(true);
    expect(limiter.tryAcquire()).toBe(false);
  });

  it('follows a limit changed at run time', () => {
    let limit = 2;
    const limiter = new QpsLimiter(
      () => limit,
      () => 0,
    );
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([true, true, false]);
    limit = 3;
    expect(limiter.tryAcquire()).toBe(true);
  });
});
