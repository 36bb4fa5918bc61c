import { describe, expect, it } from '@jest/globals';
import { levelCounts } from '../../../../test/pricing/flight-history.builder.js';
import { estimateTriggerProbability, type TriggerEstimate } from './estimate-trigger-probability.js';
import type { TriggerRule } from './outcome-counts.js';

const FD120: TriggerRule = { delayThresholdMinutes: 120, paysOnCancellation: true, paysOnDiversion: true };
const FD60: TriggerRule = { ...FD120, delayThresholdMinutes: 60 };

const probabilityOf = (estimate: TriggerEstimate): number => {
  if (estimate.kind !== 'estimate') throw new Error(`no estimate: ${estimate.kind}`);
  return estimate.probability;
};

/** A national history so large (Z ≈ 1) that it fixes the national rate at 2%. */
const NATIONAL_2_PERCENT = {
  n: 1_000_000_000,
  delayGe60: 40_000_000,
  delayGe120: 15_000_000,
  cancelled: 4_000_000,
  diverted: 1_000_000,
};

describe('estimating p(trigger) by credibility', () => {
  it('prices on the configured base rate alone when nothing was imported', () => {
    const estimate = estimateTriggerProbability({
      rule: FD120,
      counts: levelCounts(),
      baseRate: 0.035,
      credibilityK: 30,
    });
    expect(probabilityOf(estimate)).toBeCloseTo(0.035, 12);
    if (estimate.kind !== 'estimate') throw new Error();
    expect(estimate.levels.map((level) => [level.level, level.n, level.z])).toEqual([
      ['flight_season', 0, 0],
      ['route_month_hour_band', 0, 0],
      ['airline', 0, 0],
      ['origin_airport', 0, 0],
      ['destination_airport', 0, 0],
      ['national', 0, 0],
      ['base_rate', 0, 1],
    ]);
  });

  it('blends the imported national rate with the base rate by Z = n/(n+k)', () => {
    // 30 flights, 3 triggers (10%) with k = 30: Z = 0.5, so halfway between 10% and 4%.
    const counts = levelCounts({ national: { n: 30, delayGe120: 1, cancelled: 1, diverted: 1 } });
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.04, credibilityK: 30 })),
    ).toBeCloseTo(0.07, 12);
  });

  it('moves a flight with its own bad record towards that record, as far as its credibility allows', () => {
    // Flight: 30 flights, 6 triggers (20%), Z = 0.5; every level above is the 2% national rate.
    const counts = levelCounts({
      national: NATIONAL_2_PERCENT,
      flight_season: { n: 30, delayGe60: 6, delayGe120: 4, cancelled: 2 },
    });
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.035, credibilityK: 30 })),
    ).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.02, 6);
    // Larger k, less credibility: Z = 30/120 = 0.25.
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.035, credibilityK: 90 })),
    ).toBeCloseTo(0.25 * 0.2 + 0.75 * 0.02, 6);
  });

  it('blends flight into route, and route into the class rate, level by level', () => {
    const counts = levelCounts({
      national: NATIONAL_2_PERCENT,
      route_month_hour_band: { n: 90, delayGe120: 9 }, // 10%, Z = 0.75
      flight_season: { n: 10, delayGe120: 0 }, // 0%, Z = 0.25
    });
    const pRoute = 0.75 * 0.1 + 0.25 * 0.02;
    const estimate = estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.035, credibilityK: 30 });
    expect(probabilityOf(estimate)).toBeCloseTo(0.25 * 0 + 0.75 * pRoute, 6);
    if (estimate.kind !== 'estimate') throw new Error();
    expect(estimate.levels[1]).toMatchObject({
      level: 'route_month_hour_band',
      n: 90,
      triggers: 9,
      observed: 0.1,
      z: 0.75,
    });
    expect(estimate.levels[1]!.estimate).toBeCloseTo(pRoute, 6);
  });

  it('scales the national rate by credibility-weighted airline and airport relativities, so each of them counts', () => {
    const counts = levelCounts({
      national: NATIONAL_2_PERCENT,
      airline: { n: 1_000_000_000, delayGe120: 10_000_000 }, // 1%: relativity 0.5
      origin_airport: { n: 30, delayGe120: 3 }, // 10% with Z = 0.5: 6%, relativity 3
      destination_airport: { n: 0 }, // nothing known: relativity 1
    });
    const estimate = estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.035, credibilityK: 30 });
    expect(probabilityOf(estimate)).toBeCloseTo(0.02 * 0.5 * 3 * 1, 6);
    if (estimate.kind !== 'estimate') throw new Error();
    expect(estimate.levels.find((level) => level.level === 'origin_airport')?.relativity).toBeCloseTo(3, 6);
  });

  it('never lets the class rate exceed certainty', () => {
    const worst = { n: 1_000_000, delayGe60: 900_000, delayGe120: 900_000 };
    const counts = levelCounts({
      national: { n: 1_000_000, delayGe120: 100_000 },
      airline: worst,
      origin_airport: worst,
      destination_airport: worst,
    });
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.035, credibilityK: 30 })),
    ).toBeLessThanOrEqual(1);
  });

  it('counts 60+ minute delays for FD60 and 120+ for FD120, with cancellations and diversions in both', () => {
    const national = {
      n: 1_000_000_000,
      delayGe60: 50_000_000,
      delayGe120: 10_000_000,
      cancelled: 5_000_000,
      diverted: 1_000_000,
    };
    const counts = levelCounts({ national });
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD60, counts, baseRate: 0.07, credibilityK: 30 })),
    ).toBeCloseTo(0.056, 6);
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD120, counts, baseRate: 0.035, credibilityK: 30 })),
    ).toBeCloseTo(0.016, 6);
    const noCancellationCover = { ...FD120, paysOnCancellation: false };
    expect(
      probabilityOf(
        estimateTriggerProbability({ rule: noCancellationCover, counts, baseRate: 0.035, credibilityK: 30 }),
      ),
    ).toBeCloseTo(0.011, 6);
  });

  it('falls back on history alone without a configured base rate, but only when there is enough of it', () => {
    const enough = levelCounts({ national: { n: 30, delayGe120: 3 } });
    expect(
      probabilityOf(estimateTriggerProbability({ rule: FD120, counts: enough, baseRate: undefined, credibilityK: 30 })),
    ).toBeCloseTo(0.1, 12);
    const tooFew = levelCounts({ national: { n: 29, delayGe120: 3 }, flight_season: { n: 29, delayGe120: 3 } });
    expect(
      estimateTriggerProbability({ rule: FD120, counts: tooFew, baseRate: undefined, credibilityK: 30 }).kind,
    ).toBe('insufficient-history');
  });
});
