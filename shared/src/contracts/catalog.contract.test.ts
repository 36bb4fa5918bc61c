import { test } from 'node:test';
import assert from 'node:assert/strict';
import { productCodeSchema, productTermsSchema } from './catalog.contract.js';

test('accepts configured product codes and refuses anything else', () => {
  assert.ok(productCodeSchema.safeParse('FD120').success);
  assert.ok(productCodeSchema.safeParse('HEAT37').success);
  assert.equal(productCodeSchema.safeParse('fd120').success, false);
  assert.equal(productCodeSchema.safeParse("FD120'; DROP TABLE").success, false);
});

test('terms are told apart by their kind', () => {
  const rain = productTermsSchema.safeParse({
    kind: 'rain',
    thresholdMm: 2,
    windowStart: '09:00',
    windowEnd: '17:00',
    payoutPerPersonFen: 1000,
    maxPersons: 10,
    saleClosesAtLocalTimeDayBefore: '20:00',
    targetLossRatio: 0.65,
    minPremiumFen: 100,
  });
  assert.ok(rain.success);
  const wrongKind = productTermsSchema.safeParse({ kind: 'earthquake' });
  assert.equal(wrongKind.success, false);
});
