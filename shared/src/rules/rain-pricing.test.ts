import { test } from 'node:test';
import assert from 'node:assert/strict';
import { priceRain, type RainPricingTerms } from './rain-pricing.js';

const RAIN: RainPricingTerms = { payoutPerPersonFen: 1000, maxPersons: 10, targetLossRatio: 0.65, minPremiumFen: 100 };

/** `rainy` of `days` past days in the month reached the threshold in the window. */
const history = (rainy: number, days: number) => Array.from({ length: days }, (_, i) => i < rainy);

test("prices from the share of the month's past days that would have paid, rounded up to the fen", () => {
  // p = 93 / 310 = 0.3; 10 yuan × 2 × 0.3 / 0.65 = 9.2307… yuan → 923.08 fen → 924 fen.
  assert.deepEqual(priceRain({ terms: RAIN, persons: 2, triggeredByDay: history(93, 310) }), {
    status: 'priced',
    premiumFen: 924,
    probability: 0.3,
    daysObserved: 310,
  });
});

test('the premium grows with the number of persons', () => {
  const one = priceRain({ terms: RAIN, persons: 1, triggeredByDay: history(93, 310) });
  const four = priceRain({ terms: RAIN, persons: 4, triggeredByDay: history(93, 310) });
  assert.equal(one.status === 'priced' && one.premiumFen, 462, '461.54 fen → 462');
  assert.equal(four.status === 'priced' && four.premiumFen, 1847, '1846.15 fen → 1847');
});

test('a dry month still costs the 1-yuan minimum', () => {
  const dry = priceRain({ terms: RAIN, persons: 1, triggeredByDay: history(1, 310) });
  assert.equal(dry.status === 'priced' && dry.premiumFen, 100, '4.96 fen is below the minimum');
  const never = priceRain({ terms: RAIN, persons: 3, triggeredByDay: history(0, 310) });
  assert.equal(never.status === 'priced' && never.premiumFen, 100);
});

test('declines a spot with no history for the month', () => {
  assert.deepEqual(priceRain({ terms: RAIN, persons: 1, triggeredByDay: [] }), {
    status: 'declined',
    reason: 'INSUFFICIENT_HISTORY',
    probability: null,
    daysObserved: 0,
  });
});

test('refuses more persons than the product sells', () => {
  assert.throws(() => priceRain({ terms: RAIN, persons: 11, triggeredByDay: history(93, 310) }), RangeError);
});
