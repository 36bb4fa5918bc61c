import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  heatRemainingDays,
  priceHeat,
  type HeatHistorySeason,
  type HeatPrice,
  type HeatPricingTerms,
} from './heat-pricing.js';
import { addCalendarDays, monthDayOf, seasonWindow, type DateRange } from './beijing-calendar.js';

const HEAT37: HeatPricingTerms = {
  thresholdCelsius: 37,
  tickPerUnitFen: 500,
  capPerUnitFen: 10_000,
  uncertaintyLoading: 0.15,
  targetLossRatio: 0.65,
  minHistorySeasons: 10,
};

/** Ten past seasons' hot-day counts; with a 3-day deductible they pay 0,0,0,5,10,25,50,100,100,0 yuan. */
const TEN_SEASONS = [0, 2, 3, 4, 5, 8, 13, 23, 30, 3].map((hotDays) => ({ hotDays }));

const premiumOf = (price: HeatPrice) => (price.status === 'priced' ? price.premiumPerUnitFen : null);

test('prices a unit from the mean payout of ten past seasons, loaded and divided by the loss ratio, up to the yuan', () => {
  const price = priceHeat({ terms: HEAT37, deductibleDays: 3, history: TEN_SEASONS });
  // Mean payout 290 yuan / 10 = 29 yuan; 29 × 1.15 / 0.65 = 51.31 yuan → 52 yuan.
  assert.deepEqual(price, {
    status: 'priced',
    premiumPerUnitFen: 5200,
    expectedPayoutPerUnitFen: 2900,
    seasonsUsed: 10,
  });
});

test('declines a city with fewer past seasons than the version requires', () => {
  const price = priceHeat({ terms: HEAT37, deductibleDays: 3, history: TEN_SEASONS.slice(0, 9) });
  assert.deepEqual(price, {
    status: 'declined',
    reason: 'INSUFFICIENT_HISTORY',
    expectedPayoutPerUnitFen: null,
    seasonsUsed: 9,
  });
  assert.equal(
    priceHeat({ terms: { ...HEAT37, minHistorySeasons: 1 }, deductibleDays: 3, history: [] }).status,
    'declined',
  );
});

test('a higher deductible makes the same city cheaper', () => {
  const at3 = premiumOf(priceHeat({ terms: HEAT37, deductibleDays: 3, history: TEN_SEASONS }));
  const at6 = premiumOf(priceHeat({ terms: HEAT37, deductibleDays: 6, history: TEN_SEASONS }));
  assert.ok(at3 !== null && at6 !== null && at6 < at3, `${at6} < ${at3}`);
});

test('declines rather than sells for nothing when no past season would have paid', () => {
  const cool = Array.from({ length: 12 }, () => ({ hotDays: 2 }));
  assert.deepEqual(priceHeat({ terms: HEAT37, deductibleDays: 3, history: cool }), {
    status: 'declined',
    reason: 'NO_EXPECTED_PAYOUT',
    expectedPayoutPerUnitFen: 0,
    seasonsUsed: 12,
  });
});

test('daily maxima are counted with the exact 37.0 boundary', () => {
  // Each season: four readings at 37.0 and the rest at 36.9, so 4 hot days → one tick over a 3-day deductible.
  const season: HeatHistorySeason = { dailyMaxCelsius: [37.0, 36.9, 37.0, 36.9, 37.0, 37.0, 36.9] };
  const price = priceHeat({ terms: HEAT37, deductibleDays: 3, history: Array.from({ length: 10 }, () => season) });
  assert.equal(price.expectedPayoutPerUnitFen, 500);
  assert.equal(premiumOf(price), 900, '5 × 1.15 / 0.65 = 8.85 → 9 yuan');
});

test("re-pricing in season adds the hot days already counted to each past season's remaining days", () => {
  const remaining = [0, 1, 2, 3, 5, 8, 10, 12, 15, 20].map((hotDays) => ({ hotDays }));
  const fresh = priceHeat({ terms: HEAT37, deductibleDays: 3, history: remaining });
  const afterThree = priceHeat({ terms: HEAT37, deductibleDays: 3, history: remaining, hotDaysAlreadyCounted: 3 });
  // Fresh: payouts 0,0,0,0,10,25,35,45,60,85 yuan → mean 26. With the deductible used up: 0,5,10,15,25,40,50,60,75,100 → mean 38.
  assert.equal(fresh.expectedPayoutPerUnitFen, 2600);
  assert.equal(afterThree.expectedPayoutPerUnitFen, 3800);
  assert.ok((premiumOf(afterThree) ?? 0) > (premiumOf(fresh) ?? 0));
});

test('re-pricing a cover that has already reached the cap prices the capped payout', () => {
  const price = priceHeat({ terms: HEAT37, deductibleDays: 3, history: TEN_SEASONS, hotDaysAlreadyCounted: 23 });
  assert.equal(price.expectedPayoutPerUnitFen, 10_000);
  assert.equal(premiumOf(price), 17_700, '100 × 1.15 / 0.65 = 176.92 → 177 yuan');
});

test('the remaining days start after the last observed day, never before the cover', () => {
  const cover = { start: '2026-07-04', end: '2026-08-31' };
  assert.deepEqual(heatRemainingDays(cover, '2026-07-01'), cover, 'a new policy: the whole cover remains');
  assert.deepEqual(heatRemainingDays(cover, '2026-07-20'), { start: '2026-07-21', end: '2026-08-31' });
  assert.deepEqual(heatRemainingDays(cover, '2026-08-31'), { start: '2026-09-01', end: '2026-08-31' }, 'nothing left');
});

/** A synthetic city: a hot spell every summer that grows with the year, dated so it can be sliced. */
const syntheticSeason = (year: number) => {
  const { start, end } = seasonWindow(year, '06-21', '08-31');
  const days: { date: string; tmaxCelsius: number }[] = [];
  for (let date = start, i = 0; date <= end; date = addCalendarDays(date, 1), i += 1) {
    const inSpell = i >= 20 && i < 20 + (year - 2010);
    days.push({ date, tmaxCelsius: inSpell ? 37.0 : 35.5 });
  }
  return days;
};

const sliceTo = (days: { date: string; tmaxCelsius: number }[], window: DateRange): HeatHistorySeason => ({
  dailyMaxCelsius: days
    .filter(({ date }) => monthDayOf(date) >= monthDayOf(window.start) && monthDayOf(date) <= monthDayOf(window.end))
    .map(({ tmaxCelsius }) => tmaxCelsius),
});

test('re-pricing during the season uses only the remaining stretch of each past season', () => {
  const years = Array.from({ length: 10 }, (_, k) => 2016 + k); // spells of 6…15 hot days from 07-11
  const cover = { start: '2026-06-21', end: '2026-08-31' };
  const whole = priceHeat({
    terms: HEAT37,
    deductibleDays: 3,
    history: years.map((y) => sliceTo(syntheticSeason(y), cover)),
  });
  // Past spells end by 07-25: after 08-01 no past season has a hot day left.
  const late = heatRemainingDays(cover, '2026-08-01');
  const history = years.map((y) => sliceTo(syntheticSeason(y), late));
  assert.equal(whole.expectedPayoutPerUnitFen, 3750, 'spells of 6…15 days pay 15…60 yuan, mean 37.5');
  assert.equal(
    priceHeat({ terms: HEAT37, deductibleDays: 3, history }).status,
    'declined',
    'nothing left to happen and nothing counted',
  );
  const withObserved = priceHeat({ terms: HEAT37, deductibleDays: 3, history, hotDaysAlreadyCounted: 5 });
  assert.equal(withObserved.expectedPayoutPerUnitFen, 1000, 'the 5 hot days already counted fix the payout at 10 yuan');
});
