import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRainSaleOpen, rainSaleClosesAt } from './rain-sale-window.js';

const RAIN = { saleClosesAtLocalTimeDayBefore: '20:00' };
const openAt = (beijingTime: string) => isRainSaleOpen(RAIN, '2026-07-12', new Date(`${beijingTime}+08:00`));

test('sales for a visit close at 20:00 Beijing time the day before', () => {
  assert.equal(rainSaleClosesAt(RAIN, '2026-07-12').toISOString(), '2026-07-11T12:00:00.000Z');
  assert.equal(rainSaleClosesAt(RAIN, '2026-08-01').toISOString(), '2026-07-31T12:00:00.000Z', 'across a month end');
});

test('open at 19:59 the day before, closed at 20:00', () => {
  assert.equal(openAt('2026-07-11T19:59:00'), true);
  assert.equal(openAt('2026-07-11T19:59:59.999'), true);
  assert.equal(openAt('2026-07-11T20:00:00'), false);
  assert.equal(openAt('2026-07-12T08:00:00'), false, 'the morning of the visit');
  assert.equal(openAt('2026-07-01T12:00:00'), true, 'days ahead');
});
