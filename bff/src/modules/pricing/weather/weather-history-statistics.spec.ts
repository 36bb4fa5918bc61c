import { describe, expect, it } from '@jest/globals';
import { isHotDay, priceHeat, priceRain } from '@xiaoan/shared';
import {
  averageHotDaysOf,
  completeSeasons,
  historyStretchOf,
  hotDayThresholdTenths,
  rainThresholdTenths,
  triggeredByDayOf,
  type HeatSeasonAggregate,
} from './weather-history-statistics.js';

const HEAT37 = {
  thresholdCelsius: 37,
  tickPerUnitFen: 500,
  capPerUnitFen: 10_000,
  uncertaintyLoading: 0.15,
  targetLossRatio: 0.65,
  minHistorySeasons: 10,
};
const RAIN = { payoutPerPersonFen: 1000, maxPersons: 10, targetLossRatio: 0.65, minPremiumFen: 100 };

const season = (year: number, hotDays: number, daysWithTmax = 72, days = 72): HeatSeasonAggregate => ({
  season: year,
  days,
  daysWithTmax,
  hotDays,
});

describe('from station history to pricing inputs', () => {
  it('counts a stored maximum as hot exactly when the shared rule does, 37.0 in and 36.9 out', () => {
    for (const threshold of [37, 35.5, 40, -5]) {
      const limit = hotDayThresholdTenths(threshold);
      for (let tenths = -700; tenths <= 700; tenths += 1) {
        expect([threshold, tenths, tenths >= limit]).toEqual([threshold, tenths, isHotDay(tenths / 10, threshold)]);
      }
    }
    expect(hotDayThresholdTenths(37)).toBe(370);
  });

  it('refuses a heat threshold finer than the tenths the history is kept in', () => {
    expect(() => hotDayThresholdTenths(36.95)).toThrow(RangeError);
  });

  it('counts window rain from the threshold in tenths of a mm, rounding a finer threshold up', () => {
    expect(rainThresholdTenths(2)).toBe(20);
    expect(rainThresholdTenths(2.0000000001)).toBe(20);
    expect(rainThresholdTenths(2.05)).toBe(21);
    expect(rainThresholdTenths(0.1)).toBe(1);
    expect(() => rainThresholdTenths(0)).toThrow(RangeError);
  });

  it('looks at the same stretch of the calendar as the cover', () => {
    expect(historyStretchOf({ start: '2026-07-04', end: '2026-08-31' })).toEqual({
      startMonthDay: '07-04',
      endMonthDay: '08-31',
      yearSpan: 0,
    });
    expect(historyStretchOf({ start: '2026-12-01', end: '2027-02-28' })).toEqual({
      startMonthDay: '12-01',
      endMonthDay: '02-28',
      yearSpan: 1,
    });
    expect(() => historyStretchOf({ start: '2026-08-31', end: '2026-07-04' })).toThrow('cover ends before it starts');
    expect(() => historyStretchOf({ start: '2026-07-04', end: '2027-07-04' })).toThrow('longer than a year');
    expect(() => historyStretchOf({ start: '2026-07-04', end: '2026-07-32' })).toThrow(RangeError);
  });

  it('keeps a season with at least 90 % of its days on record and drops one with gaps', () => {
    // 72 days: 65 on record is 90.3 %, 64 is 88.9 %.
    const seasons = [season(2010, 4, 72), season(2011, 9, 65), season(2012, 30, 64), season(2013, 0, 0, 0)];
    expect(completeSeasons(seasons)).toEqual([{ hotDays: 4 }, { hotDays: 9 }]);
  });

  it('prices twelve complete seasons through the shared rule, leaving the gappy one out', () => {
    // Twelve seasons of 8 hot days and one gappy season of 40: with a 3-day deductible each complete
    // season pays 5 × 5 = 25 yuan; 25 × 1.15 / 0.65 = 44.23 → 45 yuan.
    const aggregates = [...Array.from({ length: 12 }, (_, i) => season(2010 + i, 8)), season(2022, 40, 30)];
    const price = priceHeat({ terms: HEAT37, deductibleDays: 3, history: completeSeasons(aggregates) });
    expect(price).toEqual({
      status: 'priced',
      premiumPerUnitFen: 4500,
      expectedPayoutPerUnitFen: 2500,
      seasonsUsed: 12,
    });
  });

  it('averages hot days over complete seasons only, and gives no hint below the minimum', () => {
    const ten = Array.from({ length: 10 }, (_, i) => season(2010 + i, i));
    expect(averageHotDaysOf([...ten, season(2020, 50, 10)], 10)).toBe(4.5);
    expect(averageHotDaysOf(ten.slice(1), 10)).toBeNull();
    expect(averageHotDaysOf([], 1)).toBeNull();
  });

  it("turns a month's counts into the shared rule's day flags", () => {
    expect(triggeredByDayOf({ daysObserved: 4, rainyDays: 1 })).toEqual([true, false, false, false]);
    // p = 93 / 310 = 0.3; 10 yuan × 2 × 0.3 / 0.65 → 923.08 fen → 924 fen.
    const price = priceRain({
      terms: RAIN,
      persons: 2,
      triggeredByDay: triggeredByDayOf({ daysObserved: 310, rainyDays: 93 }),
    });
    expect(price).toEqual({ status: 'priced', premiumFen: 924, probability: 0.3, daysObserved: 310 });
  });
});
