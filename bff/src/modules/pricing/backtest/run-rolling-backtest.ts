import type { FlightHistoryRecord } from '../domain/flight-history-record.js';
import { FlightStatisticsAggregate } from '../domain/flight-statistics-aggregate.js';
import {
  ExperienceFactors,
  surgeLoadingOf,
  type ExperienceTerms,
  type RecentFlight,
} from '../domain/experience-factor.js';
import { monthFactorsFrom, type SeasonalityTerms } from '../domain/month-factors.js';
import {
  addOutcome,
  emptyCounts,
  outcomeTriggers,
  triggersAt,
  type OutcomeCounts,
  type TriggerRule,
} from '../domain/outcome-counts.js';
import {
  hourBandFactorOf,
  hourBandFactorsFrom,
  hourBandFactorsFromCounts,
  type HourBandTerms,
} from '../domain/hour-band-factors.js';
import { hourBandOf } from '../domain/statistic-cell.js';
import { premiumFenOf, priceFlightDelay, type FlightDelayPricingTerms } from '../domain/price-flight-delay.js';
import { isSupportedDelayThreshold } from '../domain/delay-thresholds.js';
import { NATIONAL_CELL } from '../domain/statistic-cell.js';
import type { CalibrationBucket } from './run-pricing-backtest.js';

/** The level-following parts of the model; each can be switched off to measure what it adds. */
export interface RollingModel {
  experience: ExperienceTerms | null;
  seasonality: SeasonalityTerms | null;
  /** National departure-hour-band relativities (null: none). */
  hourBands?: HourBandTerms | null;
  /** A fast experience factor loading the price only (null: none). */
  surge?: ExperienceTerms | null;
}

export interface BookSummary {
  flights: number;
  quoted: number;
  declined: number;
  premiumFen: number;
  claimsFen: number;
  lossRatio: number;
  /** Claims ÷ the premium before the minimum premium and rounding up to whole yuan: the model's own. */
  modelLossRatio: number;
  predictedTriggers: number;
  observedTriggers: number;
  brier: number;
  /** Brier score of quoting each flight at its training national rate (the base rate). */
  brierBaseRate: number;
  /** 1 − brier / brierBaseRate: > 0 means the model ranks and levels better than the base rate. */
  brierSkill: number;
  /**
   * The stricter yardstick: skill against the national rate of every flight before each policy's
   * sale day (what a base-rate quote updated daily would charge), not only before the fold.
   */
  brierSkillAtSale: number;
  deciles: CalibrationBucket[];
  /**
   * The loss ratio of the same policies priced at each of `scanTargetLossRatios` instead of the
   * terms' target (same charged p, the same minimum and rounding); empty without a scan.
   */
  lossRatioAtTargets: number[];
}

export interface RollingFold extends BookSummary {
  /** First day priced; training is every flight before it. */
  from: string;
  /** Last day priced. */
  to: string;
  trainingFlights: number;
  /** Mean experience factor applied over the fold's flights (1 without experience). */
  meanExperienceFactor: number;
}

export interface RollingBacktestResult {
  folds: RollingFold[];
  overall: BookSummary;
}

export interface RunRollingBacktestInput {
  records: readonly FlightHistoryRecord[];
  terms: FlightDelayPricingTerms;
  baseRate: number | undefined;
  payoutFen: number;
  model: RollingModel;
  /** Length of a fold, and the step of D (7: train before D, price the next week, move on a week). */
  foldDays: number;
  /** A fold is priced only once at least this many flights lie before it… */
  minTrainingFlights: number;
  /** …spread over at least this many days since the first (a model is not launched on a weekend of data). */
  minHistoryDays?: number;
  /**
   * When a policy is sold, in days before its flight's day. The statistics are the fold's (as an
   * import each week would leave them), but the experience factor reads the daily outcome counts
   * of every day before the sale, as the live quote does: a flight on day t is sold on
   * max(D, t − saleLeadDays) and sees outcomes of the days before that. Never before D, so nothing
   * after the fold's training cut leaks in. Absent (or ≥ foldDays): every flight of the fold is
   * sold on D, the experience frozen for the week.
   */
  saleLeadDays?: number;
  /**
   * Other target loss ratios of the premium formula to score the same policies at: the charged p
   * does not depend on the divisor, so one run measures a whole range of it.
   */
  scanTargetLossRatios?: readonly number[];
}

interface Scored {
  p: number;
  reference: number;
  referenceAtSale: number;
  triggered: boolean;
  quoted: boolean;
  premiumFen: number;
  claimsFen: number;
  /** payout · charged p / target loss ratio: the premium before the minimum and the yuan rounding. */
  modelPremiumFen: number;
  /** The premium at each scanned target loss ratio. */
  premiumAtTargetsFen: number[];
}

/** A flown flight as the outcome feed would count it: what the model said before it, and what happened. */
interface Flown {
  record: FlightHistoryRecord;
  day: number;
  /** p before experience, from the statistics of the days before the flight. */
  predicted: number;
  triggered: boolean;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const summarise = (scored: readonly Scored[], scanned = 0): BookSummary => {
  const priced = scored.filter((s) => s.quoted).sort((a, b) => a.p - b.p);
  const deciles: CalibrationBucket[] = [];
  for (let d = 0; d < 10; d += 1) {
    const slice = priced.slice(Math.floor((d * priced.length) / 10), Math.floor(((d + 1) * priced.length) / 10));
    if (slice.length === 0) continue;
    deciles.push({
      flights: slice.length,
      minPredicted: slice[0]!.p,
      maxPredicted: slice[slice.length - 1]!.p,
      meanPredicted: slice.reduce((sum, s) => sum + s.p, 0) / slice.length,
      observedRate: slice.filter((s) => s.triggered).length / slice.length,
    });
  }
  const y = (s: Scored) => (s.triggered ? 1 : 0);
  const brier = priced.reduce((sum, s) => sum + (s.p - y(s)) ** 2, 0) / Math.max(1, priced.length);
  const brierBaseRate = priced.reduce((sum, s) => sum + (s.reference - y(s)) ** 2, 0) / Math.max(1, priced.length);
  const brierAtSale = priced.reduce((sum, s) => sum + (s.referenceAtSale - y(s)) ** 2, 0) / Math.max(1, priced.length);
  const premiumFen = priced.reduce((sum, s) => sum + s.premiumFen, 0);
  const claimsFen = priced.reduce((sum, s) => sum + s.claimsFen, 0);
  const modelPremiumFen = priced.reduce((sum, s) => sum + s.modelPremiumFen, 0);
  return {
    modelLossRatio: modelPremiumFen > 0 ? claimsFen / modelPremiumFen : 0,
    flights: scored.length,
    quoted: priced.length,
    declined: scored.length - priced.length,
    premiumFen,
    claimsFen,
    lossRatio: premiumFen > 0 ? claimsFen / premiumFen : 0,
    predictedTriggers: priced.reduce((sum, s) => sum + s.p, 0),
    observedTriggers: priced.filter((s) => s.triggered).length,
    brier,
    brierBaseRate,
    brierSkill: brierBaseRate > 0 ? 1 - brier / brierBaseRate : 0,
    brierSkillAtSale: brierAtSale > 0 ? 1 - brier / brierAtSale : 0,
    deciles,
    lossRatioAtTargets: Array.from({ length: scanned }, (_, i) => {
      const premium = priced.reduce((sum, s) => sum + s.premiumAtTargetsFen[i]!, 0);
      return premium > 0 ? claimsFen / premium : 0;
    }),
  };
};

/**
 * Rolling-origin backtest (issue 16): for D = first day with enough history, D + foldDays, …,
 * train on every flight before D, price the flights of [D, D + foldDays) as quotes sold at D
 * would have been priced, and score them against what happened. No fold sees its own outcomes,
 * and the recent-experience factor only reads days before D. Records without a service date
 * cannot be placed in time and are left out.
 */
export const runRollingBacktest = (input: RunRollingBacktestInput): RollingBacktestResult => {
  const { terms, payoutFen, model, foldDays } = input;
  const scanTargets = input.scanTargetLossRatios ?? [];
  const threshold = terms.delayThresholdMinutes;
  if (!isSupportedDelayThreshold(threshold)) throw new RangeError(`threshold ${threshold} is not counted`);
  if (!(foldDays >= 1)) throw new RangeError('a fold is at least one day');
  const rule: TriggerRule = {
    delayThresholdMinutes: threshold,
    paysOnCancellation: terms.paysOnCancellation,
    paysOnDiversion: terms.paysOnDiversion,
  };

  const dated = input.records
    .filter((record) => record.serviceDate !== undefined)
    .map((record) => ({ record, day: dayNumber(record.serviceDate!) }))
    .sort((a, b) => a.day - b.day);
  if (dated.length === 0) return { folds: [], overall: summarise([], scanTargets.length) };
  const lastDay = dated[dated.length - 1]!.day;

  // The first D: the first day with enough days and flights before it.
  let start = dated[0]!.day + Math.max(1, input.minHistoryDays ?? 1);
  while (start <= lastDay && dated.filter((d) => d.day < start).length < input.minTrainingFlights) start += 1;

  // What the daily outcome counts would hold: each flight with the model's p from the days
  // before it (the statistics as a daily import would have them) and its outcome.
  const flown: Flown[] = [];
  /** National trigger rate of every flight before a day. */
  const nationalBefore = new Map<number, number>();
  {
    const daily = new FlightStatisticsAggregate();
    const dailyByBand = new Map<number, OutcomeCounts>();
    let dailyBands: Map<number, number> | null = null;
    let added = 0;
    for (const { record, day } of dated) {
      if (dated[added]!.day < day || dailyBands === null) {
        while (dated[added]!.day < day) {
          const earlier = dated[added++]!.record;
          daily.add(earlier);
          const band = hourBandOf(earlier.scheduledDepartureHour);
          const counts = dailyByBand.get(band) ?? emptyCounts();
          addOutcome(counts, earlier.outcome);
          dailyByBand.set(band, counts);
        }
        dailyBands = model.hourBands ? hourBandFactorsFromCounts(dailyByBand, rule, model.hourBands) : new Map();
        const national = daily.countsOf(NATIONAL_CELL);
        nationalBefore.set(day, national.n > 0 ? triggersAt(national, rule) / national.n : (input.baseRate ?? 0));
      }
      const base = priceFlightDelay({
        counts: daily.lookup(record),
        baseRate: input.baseRate,
        payoutFen,
        terms,
        adjustments: { hourBandFactor: hourBandFactorOf(dailyBands, record.scheduledDepartureHour) },
      });
      flown.push({
        record,
        day,
        predicted: base.probability ?? Number.NaN,
        triggered: outcomeTriggers(record.outcome, rule),
      });
    }
  }

  const training = new FlightStatisticsAggregate();
  let trained = 0;
  const folds: RollingFold[] = [];
  const all: Scored[] = [];
  for (let from = start; from <= lastDay; from += foldDays) {
    // Across a gap in the history (the sample has April 3-9, then May), D moves to the next day
    // that has flights, so no fold is a week of nothing with two days at its end.
    const next = dated.find((d) => d.day >= from);
    if (next && next.day > from) from = next.day;
    while (trained < dated.length && dated[trained]!.day < from) training.add(dated[trained++]!.record);
    const test = dated.filter((d) => d.day >= from && d.day < from + foldDays);
    if (test.length === 0) continue;

    const national = training.countsOf(NATIONAL_CELL);
    const reference = national.n > 0 ? triggersAt(national, rule) / national.n : (input.baseRate ?? 0);
    const monthFactors = model.seasonality ? monthFactorsFrom(training, rule, model.seasonality) : null;
    const hourBandFactors = model.hourBands ? hourBandFactorsFrom(training, rule, model.hourBands) : null;

    // One experience lookup per sale day (and terms), from the outcomes of the days before it.
    const experiences = new Map<string, ExperienceFactors>();
    const experienceOn = (
      saleDay: number,
      experienceTerms: ExperienceTerms | null | undefined,
    ): ExperienceFactors | null => {
      if (!experienceTerms) return null;
      const key = `${saleDay}|${experienceTerms === model.experience ? 'slow' : 'fast'}`;
      let experience = experiences.get(key);
      if (!experience) {
        const recent: RecentFlight[] = [];
        for (const f of flown) {
          if (f.day >= saleDay || f.day < saleDay - experienceTerms.windowDays || Number.isNaN(f.predicted)) continue;
          recent.push({
            subject: f.record,
            ageDays: saleDay - f.day - 1,
            predicted: Math.min(1, f.predicted * (monthFactors?.get(f.record.month) ?? 1)),
            triggered: f.triggered,
          });
        }
        experience = new ExperienceFactors(experienceTerms, recent);
        experiences.set(key, experience);
      }
      return experience;
    };

    const scored: Scored[] = [];
    let factorSum = 0;
    for (const { record, day } of test) {
      const saleDay = input.saleLeadDays === undefined ? from : Math.max(from, day - input.saleLeadDays);
      const experience = experienceOn(saleDay, model.experience);
      const experienceFactor = experience ? experience.factorFor(record).factor : 1;
      const fast = experienceOn(saleDay, model.surge);
      const surgeLoading = fast ? surgeLoadingOf(experience, fast, model.surge!.maxFactor, record) : 1;
      factorSum += experienceFactor;
      const price = priceFlightDelay({
        counts: training.lookup(record),
        baseRate: input.baseRate,
        payoutFen,
        terms,
        adjustments: {
          experienceFactor,
          monthFactor: monthFactors?.get(record.month) ?? 1,
          hourBandFactor: hourBandFactorOf(hourBandFactors, record.scheduledDepartureHour),
          surgeLoading,
        },
      });
      const triggered = outcomeTriggers(record.outcome, rule);
      // The sale day may have no flights of its own: the last day with flights before it has the same history.
      let referenceAtSale = reference;
      for (let d = saleDay; d >= from; d -= 1) {
        const rate = nationalBefore.get(d);
        if (rate !== undefined) {
          referenceAtSale = rate;
          break;
        }
      }
      scored.push(
        price.status === 'priced'
          ? {
              p: price.probability,
              reference,
              referenceAtSale,
              triggered,
              quoted: true,
              premiumFen: price.premiumFen,
              claimsFen: triggered ? payoutFen : 0,
              modelPremiumFen: (payoutFen * price.chargedProbability) / terms.targetLossRatio,
              premiumAtTargetsFen: scanTargets.map((targetLossRatio) =>
                premiumFenOf(payoutFen, price.chargedProbability, { ...terms, targetLossRatio }),
              ),
            }
          : {
              p: price.probability ?? 0,
              reference,
              referenceAtSale,
              triggered,
              quoted: false,
              premiumFen: 0,
              claimsFen: 0,
              modelPremiumFen: 0,
              premiumAtTargetsFen: scanTargets.map(() => 0),
            },
      );
    }
    all.push(...scored);
    folds.push({
      ...summarise(scored, scanTargets.length),
      from: isoOf(from),
      to: isoOf(Math.min(lastDay, from + foldDays - 1)),
      trainingFlights: trained,
      meanExperienceFactor: factorSum / test.length,
    });
  }
  return { folds, overall: summarise(all, scanTargets.length) };
};
