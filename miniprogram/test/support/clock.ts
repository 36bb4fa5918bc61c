import { afterEach, jest } from '@jest/globals';

/**
 * Freezes `Date` (and only `Date`: timers, promises and Testing Library's polling stay real) at a
 * Beijing wall-clock instant, e.g. `'2026-11-28T10:00:00+08:00'`. Call it inside a test; it is
 * undone after each test of a file that imports `freezeClockInEachTest`.
 */
export const freezeClock = (iso: string): void => {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
};

/** Registers the reset: the real clock again after every test. */
export const freezeClockInEachTest = (): void => {
  afterEach(() => {
    jest.useRealTimers();
  });
};
