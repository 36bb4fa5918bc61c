import { describe, expect, it } from '@jest/globals';
import { levelCounts } from '../../../../test/pricing/flight-history.builder.js';
import { priceFlightDelay, type FlightDelayPricingTerms } from './price-flight-delay.js';

const FD120: FlightDelayPricingTerms = {
  delayThresholdMinutes: 120,
  paysOnCancellation: true,
  paysOnDiversion: true,
  credibilityK: 30,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
};

/** Base rate only (no history), so p is exactly the configured rate. */
const priceAt = (p: number, payoutFen = 20_000, terms: FlightDelayPricingTerms = FD120) =>
  priceFlightDelay({ counts: levelCounts(), baseRate: p, payoutFen, terms });

describe('the flight-delay premium', () => {
  it('charges payout × p ÷ target loss ratio, rounded up to the whole yuan', () => {
    // 20000 × 0.035 / 0.65 = 1076.9 fen: ¥11, not ¥10.77 and not ¥10.
    expect(priceAt(0.035)).toMatchObject({ status: 'priced', premiumFen: 1100, probability: 0.035 });
    // 30000 × 0.13 / 0.65 = 6000 fen exactly: float noise must not add a yuan.
    expect(priceAt(0.13, 30_000)).toMatchObject({ status: 'priced', premiumFen: 6000 });
  });

  it('never charges less than the minimum premium', () => {
    // 10000 × 0.01 / 0.65 = 153.8 fen → ¥2, raised to the ¥5 minimum.
    expect(priceAt(0.01, 10_000)).toMatchObject({ status: 'priced', premiumFen: 500 });
    expect(priceAt(0.01, 10_000, { ...FD120, minPremiumFen: 800 })).toMatchObject({ premiumFen: 800 });
  });

  it('declines a flight more likely than the cap to pay, and quotes one exactly at the cap', () => {
    expect(priceAt(0.51)).toMatchObject({
      status: 'declined',
      reason: 'TRIGGER_PROBABILITY_TOO_HIGH',
      probability: 0.51,
    });
    expect(priceAt(0.5)).toMatchObject({ status: 'priced', premiumFen: 15_400 });
    expect(priceAt(0.3, 20_000, { ...FD120, maxTriggerProbability: 0.25 })).toMatchObject({ status: 'declined' });
  });

  it('declines when neither history nor a configured base rate supports an estimate', () => {
    const price = priceFlightDelay({
      counts: levelCounts({ flight_season: { n: 5 } }),
      baseRate: undefined,
      payoutFen: 20_000,
      terms: FD120,
    });
    expect(price).toMatchObject({ status: 'declined', reason: 'INSUFFICIENT_HISTORY', probability: null });
  });

  it('declines a threshold the statistics do not count rather than guessing', () => {
    expect(priceAt(0.03, 20_000, { ...FD120, delayThresholdMinutes: 45 })).toMatchObject({
      status: 'declined',
      reason: 'THRESHOLD_NOT_COUNTED',
    });
  });

  it('prices a 90-minute variant from the counts already imported, without a deploy', () => {
    const counts = levelCounts({
      national: { n: 1_000_000_000, delayGe60: 60_000_000, delayGe90: 30_000_000, delayGe120: 10_000_000 },
    });
    const price = priceFlightDelay({
      counts,
      baseRate: undefined,
      payoutFen: 20_000,
      terms: { ...FD120, delayThresholdMinutes: 90 },
    });
    // p = 3%: 20000 × 0.03 / 0.65 = 923 fen → ¥10.
    expect(price).toMatchObject({ status: 'priced', premiumFen: 1000 });
  });

  it('returns the evidence of every level with the price', () => {
    const price = priceAt(0.035);
    expect(price.breakdown.map((level) => level.level)).toEqual([
      'flight_season',
      'route_month_hour_band',
      'airline',
      'origin_airport',
      'destination_airport',
      'national',
      'base_rate',
    ]);
  });

  it('refuses a payout that is not a positive whole number of fen', () => {
    expect(() => priceAt(0.03, 0)).toThrow(RangeError);
    expect(() => priceAt(0.03, 199.5)).toThrow(RangeError);
  });
});
