import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rainPayoutFen } from './rain-payout.js';

const RAIN = { payoutPerPersonFen: 1000, maxPersons: 10 };

test('pays 10 yuan per named person', () => {
  assert.equal(rainPayoutFen(RAIN, 1), 1000);
  assert.equal(rainPayoutFen(RAIN, 4), 4000);
  assert.equal(rainPayoutFen(RAIN, 10), 10_000);
});

test('refuses a number of persons the product does not sell', () => {
  for (const persons of [0, 11, 2.5, -1])
    assert.throws(() => rainPayoutFen(RAIN, persons), RangeError, String(persons));
});
