import { describe, expect, it } from '@jest/globals';
import {
  ExperienceFactors,
  surgeLoadingOf,
  type ExperienceTerms,
  type RecentFlight,
} from '../../src/modules/pricing/domain/experience-factor.js';
import type { FlightHistoryRecord } from '../../src/modules/pricing/domain/flight-history-record.js';
import { FlightStatisticsAggregate } from '../../src/modules/pricing/domain/flight-statistics-aggregate.js';
import { hourBandFactorOf, hourBandFactorsFrom } from '../../src/modules/pricing/domain/hour-band-factors.js';
import { outcomeTriggers } from '../../src/modules/pricing/domain/outcome-counts.js';
import { parseFlightHistoryRow } from '../../src/modules/pricing/domain/parse-flight-history-row.js';
import { priceFlightDelay, type FlightDelayPricingTerms } from '../../src/modules/pricing/domain/price-flight-delay.js';
import { delayedBy, flightRow } from './flight-history.builder.js';

/** Issue 16, round 3: hour-of-day relativities, per-level k, and the surge loading on the price only. */
const FD120: FlightDelayPricingTerms = {
  delayThresholdMinutes: 120,
  paysOnCancellation: true,
  paysOnDiversion: true,
  credibilityK: 300,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
};
const RULE = { delayThresholdMinutes: 120, paysOnCancellation: true, paysOnDiversion: true } as const;
const SLOW: ExperienceTerms = { windowDays: 28, halfLifeDays: 14, experienceK: 100, minFactor: 0.5, maxFactor: 3 };
const FAST: ExperienceTerms = { windowDays: 7, halfLifeDays: 2, experienceK: 10, minFactor: 0.5, maxFactor: 3 };

const flown = (
  day: string,
  route: [string, string],
  delayMinutes: number,
  { flightNo = '101', carrier = 'XA', hhmm = '900' } = {},
): FlightHistoryRecord => {
  const [year, month, dayOfMonth] = day.split('-');
  const parsed = parseFlightHistoryRow(
    flightRow({
      Year: year!,
      Month: String(Number(month)),
      DayofMonth: String(Number(dayOfMonth)),
      UniqueCarrier: carrier,
      Origin: route[0],
      Dest: route[1],
      FlightNum: flightNo,
      CRSDepTime: hhmm,
      ...delayedBy(delayMinutes),
    }),
    1,
  );
  if (parsed.kind !== 'flight') throw new Error('builder row without outcome');
  return parsed.record;
};
const dayOf = (start: string, offset: number): string =>
  new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
const subjectOf = (origin: string, destination: string, hour = 9, carrier = 'XB') => ({
  carrier,
  flightNo: '7',
  origin,
  destination,
  month: 7,
  scheduledDepartureHour: hour,
});

describe('departure-hour relativities', () => {
  // Evening departures (19:00) are ≥ 120 min late 3 times as often as morning ones (08:00).
  const history = (perBand: number): FlightStatisticsAggregate => {
    const training = new FlightStatisticsAggregate();
    for (let i = 0; i < perBand; i += 1) {
      training.add(flown('2026-05-01', ['PEK', 'SHA'], i % 100 < 1 ? 150 : 0, { hhmm: '800' }));
      training.add(flown('2026-05-01', ['CAN', 'CTU'], i % 100 < 3 ? 150 : 0, { hhmm: '1900', flightNo: '303' }));
    }
    return training;
  };

  it('scale the evening up and the morning down, by credibility: more history, further from 1', () => {
    const thin = hourBandFactorsFrom(history(200), RULE, { k: 1000 });
    const thick = hourBandFactorsFrom(history(20_000), RULE, { k: 1000 });
    expect(hourBandFactorOf(thick, 19)).toBeGreaterThan(1.4);
    expect(hourBandFactorOf(thick, 8)).toBeLessThan(0.6);
    expect(hourBandFactorOf(thin, 19)).toBeGreaterThan(1);
    expect(hourBandFactorOf(thin, 19)).toBeLessThan(hourBandFactorOf(thick, 19));
    expect(hourBandFactorOf(thin, 8)).toBeGreaterThan(hourBandFactorOf(thick, 8));
    // A band with no history is neutral.
    expect(hourBandFactorOf(thick, 12)).toBe(1);
  });

  it('price a flight with no history of its own higher in the evening than in the morning, floor included', () => {
    const training = history(20_000);
    const factors = hourBandFactorsFrom(training, RULE, { k: 1000 });
    const terms = { ...FD120, credibilityK: 10_000, uncertaintyLoading: 0.05, thinCellK: 100 };
    const priceAt = (hour: number) => {
      const subject = subjectOf('XIY', 'URC', hour);
      const price = priceFlightDelay({
        counts: training.lookup(subject),
        baseRate: 0.035,
        payoutFen: 100_000,
        terms,
        adjustments: { hourBandFactor: hourBandFactorOf(factors, hour) },
      });
      if (price.status !== 'priced') throw new Error('declined');
      return price;
    };
    const morning = priceAt(8);
    const evening = priceAt(19);
    expect(evening.probability).toBeGreaterThan(2 * morning.probability);
    expect(evening.premiumFen).toBeGreaterThan(morning.premiumFen);
    // The national floor is the hour band's: the morning flight is not lifted back to the all-day rate.
    expect(morning.chargedProbability).toBeLessThan(0.02);
  });
});

describe('credibility k per level', () => {
  it('lets a level with a smaller k move the estimate further towards its own rate', () => {
    const training = new FlightStatisticsAggregate();
    for (let i = 0; i < 20_000; i += 1) training.add(flown('2026-05-01', ['PEK', 'SHA'], i % 100 < 2 ? 150 : 0));
    // 2,000 departures from KMG, 10 % of them late.
    for (let i = 0; i < 2000; i += 1)
      training.add(flown('2026-05-01', ['KMG', 'CTU'], i % 10 === 0 ? 150 : 0, { flightNo: '55', carrier: 'XC' }));
    const subject = subjectOf('KMG', 'PEK');
    const estimate = (byLevel?: FlightDelayPricingTerms['credibilityKByLevel']) =>
      priceFlightDelay({
        counts: training.lookup(subject),
        baseRate: 0.035,
        payoutFen: 100_000,
        terms: { ...FD120, credibilityK: 10_000, ...(byLevel ? { credibilityKByLevel: byLevel } : {}) },
      }).probability!;
    const uniform = estimate();
    const airportK = estimate({ origin_airport: 1000 });
    expect(airportK).toBeGreaterThan(uniform * 1.5);
    // Naming another level changes nothing for this flight (it has no route or flight history).
    expect(estimate({ flight_season: 10 })).toBeCloseTo(uniform, 12);
  });
});

describe('the surge loading', () => {
  // 60 quiet days (1 in 50 late), then three stormy days on PEK-SHA (8 in 20 late).
  const SHA: [string, string] = ['PEK', 'SHA'];
  const history: FlightHistoryRecord[] = [];
  for (let d = 0; d < 60; d += 1)
    for (let i = 0; i < 50; i += 1) history.push(flown(dayOf('2026-05-01', d), SHA, i === 0 ? 150 : 5));
  for (let d = 60; d < 63; d += 1)
    for (let i = 0; i < 50; i += 1) history.push(flown(dayOf('2026-05-01', d), SHA, i < 20 ? 180 : 20));

  const quoteOn = (pricingDay: string, withSurge = true) => {
    const before = history.filter((record) => record.serviceDate! < pricingDay);
    const training = new FlightStatisticsAggregate();
    for (const record of before) training.add(record);
    const recent: RecentFlight[] = before.map((record) => ({
      subject: record,
      ageDays: daysBetween(record.serviceDate!, pricingDay) - 1,
      predicted:
        priceFlightDelay({ counts: training.lookup(record), baseRate: 0.035, payoutFen: 20_000, terms: FD120 })
          .probability ?? 0,
      triggered: outcomeTriggers(record.outcome, RULE),
    }));
    const slow = new ExperienceFactors(SLOW, recent);
    const fast = new ExperienceFactors(FAST, recent);
    const subject = subjectOf('PEK', 'SHA', 9, 'XA');
    const surge = surgeLoadingOf(slow, fast, 3, subject);
    const price = priceFlightDelay({
      counts: training.lookup(subject),
      baseRate: 0.035,
      payoutFen: 40_000,
      terms: FD120,
      adjustments: { experienceFactor: slow.factorFor(subject).factor, surgeLoading: withSurge ? surge : 1 },
    });
    if (price.status !== 'priced') throw new Error('declined');
    return { surge, price };
  };

  it('raises the premium, not the best estimate, right after a run of delays, and fades back to none', () => {
    const afterStorm = dayOf('2026-05-01', 63);
    const loaded = quoteOn(afterStorm);
    const unloaded = quoteOn(afterStorm, false);
    expect(loaded.surge).toBeGreaterThan(1.2);
    expect(loaded.price.probability).toBe(unloaded.price.probability);
    expect(loaded.price.premiumFen).toBeGreaterThan(unloaded.price.premiumFen);
    expect(loaded.price.chargedProbability).toBeCloseTo(unloaded.price.chargedProbability * loaded.surge, 12);
    // Once the storm has left the fast window (7 days), the slow factor alone prices it: no loading.
    const weekLater = quoteOn(dayOf(afterStorm, 8));
    expect(weekLater.surge).toBe(1);
    expect(weekLater.price.premiumFen).toBeLessThan(loaded.price.premiumFen);
  });

  it('never discounts, and stays at about 1 in a calm stretch', () => {
    for (const day of [20, 30, 40, 50]) {
      const { surge } = quoteOn(dayOf('2026-05-01', day));
      expect(surge).toBeGreaterThanOrEqual(1);
      expect(surge).toBeLessThan(1.01);
    }
  });
});
