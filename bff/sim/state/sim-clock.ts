/**
 * The simulator's business clock: real time plus an offset that tests (or the dev
 * endpoint) can advance, so "the user did not confirm within 24 h" or "the 48 h reply
 * window closed" can be exercised in milliseconds.
 *
 * Request signatures are always checked against real time: the merchant signs with
 * its own wall clock, which we do not move.
 */
export class SimClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** WeChat prints times as RFC 3339 in Beijing time, e.g. 2018-06-08T10:34:56+08:00. */
export function toBeijingRfc3339(epochMs: number): string {
  const beijing = new Date(epochMs + 8 * 3600_000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}
