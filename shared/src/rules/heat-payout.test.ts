import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  heatAccrualFen,
  heatDeductibleDays,
  heatPayoutFen,
  heatPayoutPerUnitFen,
  type HeatPayoutTerms,
} from './heat-payout.js';
import { heatCover } from './heat-cover.js';
import { countHotDays } from './heat-hot-day.js';

/** HEAT37 as sold: 5 yuan per hot day per unit, at most 100 yuan per unit. */
const HEAT37: HeatPayoutTerms = { tickPerUnitFen: 500, capPerUnitFen: 10_000 };
const payout = (hotDays: number, units = 1, deductibleDays = 3) =>
  heatPayoutFen({ hotDays, units, deductibleDays, terms: HEAT37 });
const accrual = (previousHotDays: number, units = 1, deductibleDays = 3) =>
  heatAccrualFen({ previousHotDays, units, deductibleDays, terms: HEAT37 });

test('with a 3-day deductible, hot day 3 pays nothing and hot day 4 pays the first tick of 5 yuan per unit', () => {
  assert.equal(payout(3), 0);
  assert.equal(accrual(2), 0, 'hot day 3 adds nothing');
  assert.equal(payout(4), 500);
  assert.equal(accrual(3), 500, 'hot day 4 adds 5 yuan');
  assert.equal(payout(5), 1000);
});

test('a unit never pays more than the 100-yuan cap', () => {
  assert.equal(payout(23), 10_000, '20 ticks beyond the deductible reach the cap exactly');
  assert.equal(accrual(22), 500, 'the day that reaches the cap still pays its tick');
  assert.equal(payout(24), 10_000);
  assert.equal(accrual(23), 0, 'the day after the cap pays nothing');
  assert.equal(payout(72), 10_000, 'a season of nothing but hot days');
});

test('the cap cuts a tick short when the cap is not a multiple of the tick', () => {
  const terms = { tickPerUnitFen: 300, capPerUnitFen: 1000 };
  assert.equal(heatPayoutPerUnitFen({ hotDays: 6, deductibleDays: 3, terms }), 900);
  assert.equal(heatAccrualFen({ previousHotDays: 6, deductibleDays: 3, units: 2, terms }), 200);
});

test('units multiply the payout and each accrual', () => {
  assert.equal(payout(4, 10), 5000);
  assert.equal(accrual(3, 10), 5000);
  assert.equal(payout(30, 10), 100_000, 'ten units cap at 1,000 yuan');
});

test('daily accruals add up to the season payout, cap included', () => {
  for (const units of [1, 3, 10]) {
    let accrued = 0;
    for (let day = 0; day < 40; day += 1) accrued += accrual(day, units);
    assert.equal(accrued, payout(40, units));
  }
});

test('a zero deductible pays from the first hot day', () => {
  assert.equal(payout(1, 1, 0), 500);
  assert.equal(payout(0, 1, 0), 0);
});

test('each city has its own deductible, and an unlisted city takes the default', () => {
  const terms = { defaultDeductibleDays: 3, deductibleDaysByCity: { chongqing: 10, guangzhou: 1, shanghai: 0 } };
  assert.equal(heatDeductibleDays(terms, 'chongqing'), 10);
  assert.equal(heatDeductibleDays(terms, 'shanghai'), 0, 'a zero deductible is not "missing"');
  assert.equal(heatDeductibleDays(terms, 'lhasa'), 3);
  assert.equal(heatDeductibleDays(terms, 'constructor'), 3, 'object prototype names are not cities');
});

test('refuses impossible counts rather than paying on them', () => {
  assert.throws(() => payout(-1), RangeError);
  assert.throws(() => payout(4.5), RangeError);
  assert.throws(() => payout(4, 0), RangeError);
});

test('hot days during the waiting period never reach the payout', () => {
  // Bought on 07-01, so cover starts 07-04: six hot days in a row, the first two in the waiting period.
  const cover = heatCover({
    purchasedAt: new Date('2026-07-01T09:00:00+08:00'),
    seasonYear: 2026,
    terms: { seasonStart: '06-21', seasonEnd: '08-31', waitingPeriodDays: 3 },
  });
  const readings = ['2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06', '2026-07-07'].map((date) => ({
    date,
    tmaxCelsius: 38.5,
  }));
  const hotDays = countHotDays(readings, cover, 37);
  assert.equal(hotDays, 4);
  assert.equal(payout(hotDays), 500, 'only the fourth covered hot day pays');
  assert.equal(payout(6), 1500, 'what it would have paid had the waiting days counted');
});
