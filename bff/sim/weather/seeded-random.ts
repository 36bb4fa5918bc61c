/**
 * The simulated climate must give the same reading for (seed, station, day) whenever it is asked,
 * without keeping state, so every draw starts from a hash of its coordinates. Small and
 * dependency-free on purpose: nothing here needs cryptographic quality.
 */

// Local aliases: under jest's vm sandbox every global lookup (Math.…) costs ~20×, and the
// history draws millions of values.
const { abs, cos, exp, floor, imul, log, PI, sqrt, SQRT2 } = Math;

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
const mix32 = (value: number): number => {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** A 32-bit hash of a tuple of integers and strings (order matters; `('a', 1)` ≠ `(1, 'a')`). */
export const hashOf = (...parts: readonly (number | string)[]): number => {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      h = mix32(h ^ mix32((part | 0) + 0x9e3779b9));
    } else {
      for (let i = 0; i < part.length; i += 1) h = imul(h ^ part.charCodeAt(i), 0x01000193);
      h = mix32(h ^ 0x27d4eb2f);
    }
  }
  return h;
};

/** Mulberry32: a sequential generator for the draws within one station-day. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return sqrt(-2 * log(u)) * cos(2 * PI * v);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * log(1 - this.next());
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }
}

/** One standard-normal draw addressed by its coordinates. */
export const normalAt = (...parts: readonly (number | string)[]): number => new SeededRandom(hashOf(...parts)).normal();

/** The standard normal CDF (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export const normalCdf = (x: number): number => {
  const z = abs(x) / SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
};
