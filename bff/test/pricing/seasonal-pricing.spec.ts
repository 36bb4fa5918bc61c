import { describe, expect, it } from '@jest/globals';
import { runRollingBacktest, type RollingModel } from '../../src/modules/pricing/backtest/run-rolling-backtest.js';
import {
  ExperienceFactors,
  type ExperienceTerms,
  type RecentFlight,
} from '../../src/modules/pricing/domain/experience-factor.js';
import type { FlightHistoryRecord } from '../../src/modules/pricing/domain/flight-history-record.js';
import { FlightStatisticsAggregate } from '../../src/modules/pricing/domain/flight-statistics-aggregate.js';
import { outcomeTriggers } from '../../src/modules/pricing/domain/outcome-counts.js';
import { parseFlightHistoryRow } from '../../src/modules/pricing/domain/parse-flight-history-row.js';
import { priceFlightDelay, type FlightDelayPricingTerms } from '../../src/modules/pricing/domain/price-flight-delay.js';
import { monthFactorsFrom } from '../../src/modules/pricing/domain/month-factors.js';
import { loadForUncertainty } from '../../src/modules/pricing/domain/uncertainty-loading.js';
import { lossRatioStopReason } from '../../src/modules/sale-guard/domain/loss-ratio-guard.js';
import { delayedBy, flightRow } from './flight-history.builder.js';

const FD120: FlightDelayPricingTerms = {
  delayThresholdMinutes: 120,
  paysOnCancellation: true,
  paysOnDiversion: true,
  credibilityK: 300,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
};
const EXPERIENCE: ExperienceTerms = { windowDays: 14, halfLifeDays: 3, experienceK: 10, minFactor: 0.5, maxFactor: 3 };
const RULE = { delayThresholdMinutes: 120, paysOnCancellation: true, paysOnDiversion: true } as const;

/** One historical flight, written as the flights-2008 files write it and read back by the importer's parser. */
const flown = (day: string, route: [string, string], delayMinutes: number, flightNo = '101'): FlightHistoryRecord => {
  const [year, month, dayOfMonth] = day.split('-');
  const parsed = parseFlightHistoryRow(
    flightRow({
      Year: year!,
      Month: String(Number(month)),
      DayofMonth: String(Number(dayOfMonth)),
      Origin: route[0],
      Dest: route[1],
      FlightNum: flightNo,
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

describe('a price that follows the delay level', () => {
  // 60 quiet days on two routes (1 in 50 flights ≥ 120 min late), then three days of storms on PEK-SHA.
  const SHA: [string, string] = ['PEK', 'SHA'];
  const CAN: [string, string] = ['PEK', 'CAN'];
  const history: FlightHistoryRecord[] = [];
  for (let d = 0; d < 60; d += 1) {
    for (let i = 0; i < 20; i += 1) {
      history.push(flown(dayOf('2026-05-01', d), SHA, i === 0 && d % 2 === 0 ? 150 : 5));
      history.push(flown(dayOf('2026-05-01', d), CAN, i === 0 && d % 2 === 1 ? 150 : 5, '303'));
    }
  }
  const stormDays = [dayOf('2026-05-01', 60), dayOf('2026-05-01', 61), dayOf('2026-05-01', 62)];
  for (const day of stormDays) for (let i = 0; i < 20; i += 1) history.push(flown(day, SHA, i < 8 ? 180 : 20));

  /** The premium a quote on `pricingDay` pays: statistics and experience of everything before it. */
  const premiumOn = (pricingDay: string, route: [string, string], withExperience = true) => {
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
    const experience = new ExperienceFactors(EXPERIENCE, recent);
    const subject = {
      carrier: 'XA',
      flightNo: route === SHA ? '101' : '303',
      origin: route[0],
      destination: route[1],
      month: 7,
      scheduledDepartureHour: 9,
    };
    const factor = withExperience ? experience.factorFor(subject).factor : 1;
    const price = priceFlightDelay({
      counts: training.lookup(subject),
      baseRate: 0.035,
      payoutFen: 40_000,
      terms: FD120,
      adjustments: { experienceFactor: factor },
    });
    if (price.status !== 'priced') throw new Error(`declined: ${price.reason}`);
    return { premiumFen: price.premiumFen, probability: price.probability, factor };
  };

  it('raises the price of a route after a run of delays there, and lets it decay back as the run ages', () => {
    const afterStorm = dayOf('2026-05-01', 63);
    const stormed = premiumOn(afterStorm, SHA);
    const withoutExperience = premiumOn(afterStorm, SHA, false);
    expect(stormed.factor).toBeGreaterThan(1.5);
    expect(stormed.premiumFen).toBeGreaterThan(withoutExperience.premiumFen);
    // The quiet route moves far less than the stormy one.
    expect(premiumOn(afterStorm, CAN).factor).toBeLessThan(stormed.factor);

    const decay = [0, 3, 7, 10].map((later) => premiumOn(dayOf(afterStorm, later), SHA).factor);
    for (let i = 1; i < decay.length; i += 1) expect(decay[i]!).toBeLessThan(decay[i - 1]!);
    // Once the storm days are older than the window, the experience factor is gone (quiet days only: ≈ 1).
    const later = premiumOn(dayOf(afterStorm, 15), SHA);
    expect(later.factor).toBeCloseTo(1, 1);
    expect(later.premiumFen).toBeLessThan(stormed.premiumFen);
  });

  it('loads a thin cell more than a well-observed one, never less as the history grows', () => {
    const volumes = [0, 1, 3, 10, 30, 100, 300, 1000, 10_000, 100_000];
    for (const probability of [0.005, 0.02, 0.035, 0.2]) {
      const charged = volumes.map(
        (cellFlights) =>
          loadForUncertainty({
            probability,
            nationalProbability: 0.035,
            cellFlights,
            uncertaintyLoading: 1,
            thinCellK: 300,
          }).probability,
      );
      for (let i = 1; i < charged.length; i += 1) expect(charged[i]!).toBeLessThanOrEqual(charged[i - 1]!);
      expect(charged[0]!).toBeGreaterThan(charged[charged.length - 1]!);
      // A cell with no history of its own never sells under the national rate…
      expect(charged[0]!).toBeGreaterThanOrEqual(0.035);
      // …and with a great deal of it, the loading all but vanishes (under 5 % of the rate).
      expect((charged[charged.length - 1]! - probability) / Math.max(probability, 0.035)).toBeLessThan(0.05);
    }
  });

  it('charges the loading in the premium: a flight with no history of its own pays at least the national rate', () => {
    const terms = { ...FD120, uncertaintyLoading: 1, thinCellK: 300 };
    const training = new FlightStatisticsAggregate();
    // The national history is 3.5 %; the flight's own 2,000 departures were always on time.
    for (let i = 0; i < 2000; i += 1) training.add(flown('2026-05-01', ['PEK', 'SHA'], 0));
    for (let i = 0; i < 20_000; i += 1) training.add(flown('2026-05-01', ['XIY', 'URC'], i % 200 < 7 ? 150 : 0, '999'));
    const known = priceFlightDelay({
      counts: training.lookup({
        carrier: 'XA',
        flightNo: '101',
        origin: 'PEK',
        destination: 'SHA',
        month: 7,
        scheduledDepartureHour: 9,
      }),
      baseRate: 0.035,
      payoutFen: 100_000,
      terms,
    });
    const unknown = priceFlightDelay({
      counts: training.lookup({
        carrier: 'XB',
        flightNo: '7',
        origin: 'CTU',
        destination: 'KMG',
        month: 7,
        scheduledDepartureHour: 9,
      }),
      baseRate: 0.035,
      payoutFen: 100_000,
      terms,
    });
    if (known.status !== 'priced' || unknown.status !== 'priced') throw new Error('declined');
    expect(unknown.chargedProbability).toBeGreaterThan(unknown.probability);
    expect(unknown.chargedProbability).toBeGreaterThanOrEqual(0.035 * (20_000 / 22_000) - 1e-9);
    expect(known.chargedProbability).toBeLessThan(unknown.chargedProbability);
    expect(known.premiumFen).toBeLessThan(unknown.premiumFen);
  });
});

describe('the rolling-origin backtest', () => {
  // Four weeks of one route: weeks 1-2 at 2 %, weeks 3-4 at 20 % (a bad-weather fortnight).
  const records: FlightHistoryRecord[] = [];
  for (let d = 0; d < 28; d += 1) {
    for (let i = 0; i < 50; i += 1)
      records.push(flown(dayOf('2026-07-01', d), ['PEK', 'SHA'], i < (d < 14 ? 1 : 10) ? 150 : 0));
  }
  const run = (model: RollingModel, extra: Partial<Parameters<typeof runRollingBacktest>[0]> = {}) =>
    runRollingBacktest({
      records,
      terms: FD120,
      baseRate: 0.035,
      payoutFen: 20_000,
      model,
      foldDays: 7,
      minTrainingFlights: 350,
      ...extra,
    });

  it('trains each fold only on the days before it and prices the next week', () => {
    const { folds, overall } = run({ experience: null, seasonality: null });
    expect(folds.map((fold) => [fold.from, fold.to, fold.trainingFlights, fold.flights])).toEqual([
      ['2026-07-08', '2026-07-14', 350, 350],
      ['2026-07-15', '2026-07-21', 700, 350],
      ['2026-07-22', '2026-07-28', 1050, 350],
    ]);
    expect(folds.map((fold) => fold.observedTriggers)).toEqual([7, 70, 70]);
    expect(overall.observedTriggers).toBe(147);
    expect(overall.claimsFen).toBe(147 * 20_000);
    expect(overall.premiumFen).toBe(folds.reduce((sum, fold) => sum + fold.premiumFen, 0));
    expect(overall.deciles.reduce((sum, bucket) => sum + bucket.flights, 0)).toBe(overall.quoted);
  });

  it('follows the level: after the first bad week the experience factor prices the second one higher and loses less', () => {
    const still = run({ experience: null, seasonality: null });
    const following = run({ experience: EXPERIENCE, seasonality: null });
    const lastStill = still.folds[2]!;
    const lastFollowing = following.folds[2]!;
    expect(lastFollowing.meanExperienceFactor).toBeGreaterThan(1.5);
    expect(lastFollowing.predictedTriggers).toBeGreaterThan(lastStill.predictedTriggers);
    expect(lastFollowing.lossRatio).toBeLessThan(lastStill.lossRatio);
    expect(lastFollowing.brierSkill).toBeGreaterThan(lastStill.brierSkill);
  });

  it('reacts within the week when policies are sold on the flight day: the first bad week already costs more and loses less', () => {
    const soldOnD = run({ experience: EXPERIENCE, seasonality: null });
    const soldSameDay = runRollingBacktest({
      records,
      terms: FD120,
      baseRate: 0.035,
      payoutFen: 20_000,
      model: { experience: EXPERIENCE, seasonality: null },
      foldDays: 7,
      minTrainingFlights: 350,
      saleLeadDays: 0,
    });
    const firstBad = (result: typeof soldOnD) => result.folds[1]!;
    // Sold on D, the week before was calm: no reaction until the next fold.
    expect(firstBad(soldOnD).meanExperienceFactor).toBeCloseTo(1, 1);
    expect(firstBad(soldSameDay).meanExperienceFactor).toBeGreaterThan(1.5);
    expect(firstBad(soldSameDay).lossRatio).toBeLessThan(firstBad(soldOnD).lossRatio);
    // Nothing after D leaks into statistics: the first fold (calm before and after) is priced alike.
    expect(soldSameDay.folds[0]!.trainingFlights).toBe(soldOnD.folds[0]!.trainingFlights);
  });

  it('scores the same policies at other target loss ratios exactly as a run at each of them would', () => {
    const model: RollingModel = { experience: EXPERIENCE, seasonality: null };
    const targets = [0.5, 0.85, 1.1];
    const scanned = run(model, { scanTargetLossRatios: targets });
    targets.forEach((targetLossRatio, i) => {
      const alone = run(model, { terms: { ...FD120, targetLossRatio } });
      expect(scanned.overall.lossRatioAtTargets[i]).toBe(alone.overall.lossRatio);
      expect(scanned.folds.map((fold) => fold.lossRatioAtTargets[i])).toEqual(
        alone.folds.map((fold) => fold.lossRatio),
      );
    });
    // A higher divisor charges less, so the same claims weigh more.
    expect(scanned.overall.lossRatioAtTargets[2]).toBeGreaterThan(scanned.overall.lossRatioAtTargets[0]!);
  });
});

describe('month factors', () => {
  const aggregateOf = (months: number[]) => {
    const aggregate = new FlightStatisticsAggregate();
    for (const month of months) {
      const day = `2025-${String(month).padStart(2, '0')}-10`;
      // July is the thunderstorm month: 10 % against 2 % in every other month.
      for (let i = 0; i < 500; i += 1)
        aggregate.add(flown(day, ['PEK', 'SHA'], i % 100 < (month === 7 ? 10 : 2) ? 150 : 0));
    }
    return aggregate;
  };
  const terms = { monthK: 1000, minMonths: 12 };

  it('scale a stormy month up and the others down once the history covers the year', () => {
    const factors = monthFactorsFrom(aggregateOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), RULE, terms);
    expect(factors.size).toBe(12);
    expect(factors.get(7)!).toBeGreaterThan(1.5);
    expect(factors.get(1)!).toBeLessThan(1);
  });

  it('stay out of the price while the history holds fewer months than configured', () => {
    expect(monthFactorsFrom(aggregateOf([6, 7]), RULE, terms).size).toBe(0);
  });
});

describe('the loss-ratio guard rule', () => {
  const guard = { maxLossRatio: 1.2, windowDays: 30, minPremiumFen: 100_000 };
  it('keeps selling below the threshold, at it, or before enough premium is earned, and stops above it', () => {
    expect(lossRatioStopReason(undefined, { premiumFen: 100_000, claimsFen: 1_000_000 })).toBeNull();
    expect(lossRatioStopReason(guard, { premiumFen: 100_000, claimsFen: 120_000 })).toBeNull();
    expect(lossRatioStopReason(guard, { premiumFen: 99_999, claimsFen: 1_000_000 })).toBeNull();
    expect(lossRatioStopReason(guard, { premiumFen: 0, claimsFen: 0 })).toBeNull();
    expect(lossRatioStopReason(guard, { premiumFen: 100_000, claimsFen: 120_001 })).toMatch(
      /^running loss ratio 1\.200 over 30 days .* exceeds the configured 1\.2$/,
    );
  });
});
