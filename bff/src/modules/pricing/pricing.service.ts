import { Injectable } from '@nestjs/common';
import { addCalendarDays, beijingDateOf, beijingParts } from '@xiaoan/shared';
import type { DelayThresholdMinutes } from './domain/delay-thresholds.js';
import type { OutcomeCounts } from './domain/outcome-counts.js';
import { priceFlightDelay, type FlightDelayPrice, type FlightDelayPricingTerms } from './domain/price-flight-delay.js';
import { STATISTIC_LEVELS, cellId, statisticCellsFor, type StatisticLevel } from './domain/statistic-cell.js';
import { emptyCounts } from './domain/outcome-counts.js';
import { FlightStatisticsCache } from './flight-statistics.cache.js';
import { FlightStatisticsRepository } from './persistence/flight-statistics.repository.js';
import { FlightOutcomeCountsRepository } from './persistence/flight-outcome-counts.repository.js';
import { ExperienceFactors, surgeLoadingOf, type ExperienceTerms } from './domain/experience-factor.js';
import { recentOutcomesOf } from './domain/daily-outcomes.js';
import { monthFactorsFromCounts } from './domain/month-factors.js';
import { hourBandFactorOf, hourBandFactorsFromCounts } from './domain/hour-band-factors.js';
import type { TriggerRule } from './domain/outcome-counts.js';

/** Scheduled departure in the origin's local time: its month and hour are what pricing reads. */
export type ScheduledDepartureLocal = Date | { month: number; hour: number };

export interface PriceFlightDelayRequest {
  /** IATA airline code: `MU` of `MU5101`. */
  carrier: string;
  /** `5101` or `MU5101`; leading zeros do not matter. */
  flightNo: string;
  /** IATA airport codes. */
  origin: string;
  destination: string;
  /**
   * A `Date` is read in Asia/Shanghai: the products cover Chinese domestic flights, and China
   * has one time zone without daylight saving, so local = UTC+8 all year. Pass `{month, hour}`
   * for a flight whose local time is known some other way (the backtest, foreign airports).
   */
  scheduledDepartureLocal: ScheduledDepartureLocal;
  payoutFen: number;
  /** The product version's terms: threshold, cover flags, credibility k, loss ratio, minimum, cap on p. */
  terms: FlightDelayPricingTerms;
  /** When the quote is made (the business clock): the experience factor reads the days before it. */
  soldAt?: Date;
}

const localMonthAndHour = (departure: ScheduledDepartureLocal): { month: number; hour: number } => {
  if (!(departure instanceof Date)) return departure;
  const { month, hour } = beijingParts(departure);
  return { month, hour };
};

const BASE_RATES_KEY = 'base-rates';
const MONTH_COUNTS_KEY = 'statistics-by-month';
const HOUR_BAND_COUNTS_KEY = 'statistics-by-hour-band';

/**
 * Prices a flight-delay policy from the imported statistics (products.md §1). The quote use case
 * calls this and stores the returned breakdown with the quote as its pricing evidence.
 *
 * Cost per quote: at most one primary-key join over the six cells, and usually none (cached).
 */
@Injectable()
export class PricingService {
  constructor(
    private readonly statistics: FlightStatisticsRepository,
    private readonly cache: FlightStatisticsCache,
    private readonly outcomes: FlightOutcomeCountsRepository,
  ) {}

  /** A stable id per product-terms object (the catalogue cache keeps one per version). */
  private readonly termsIds = new WeakMap<object, number>();
  private nextTermsId = 1;

  /**
   * Finished prices are cached with the statistics they come from (same lifetime, same
   * invalidation after an import), per terms, flight, hour and payout: a flight quoted a thousand
   * times a minute is priced once a minute.
   */
  async priceFlightDelay(request: PriceFlightDelayRequest): Promise<FlightDelayPrice> {
    const { month, hour } = localMonthAndHour(request.scheduledDepartureLocal);
    let termsId = this.termsIds.get(request.terms);
    if (termsId === undefined) {
      termsId = this.nextTermsId++;
      this.termsIds.set(request.terms, termsId);
    }
    // The business day a quote is sold on, in Beijing.
    const saleDate = beijingDateOf(request.soldAt ?? new Date());
    const key = `price#${termsId}|${saleDate}|${request.carrier}|${request.flightNo}|${request.origin}|${request.destination}|${month}|${hour}|${request.payoutFen}`;
    return this.cache.get(key, () => this.price(request, month, hour, termsId, saleDate));
  }

  private async price(
    request: PriceFlightDelayRequest,
    month: number,
    hour: number,
    termsId: number,
    saleDate: string,
  ): Promise<FlightDelayPrice> {
    if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new RangeError(`scheduled departure must have month 1-12 and hour 0-23, got ${month}/${hour}`);
    }
    const cells = statisticCellsFor({
      carrier: request.carrier,
      flightNo: request.flightNo,
      origin: request.origin,
      destination: request.destination,
      month,
      scheduledDepartureHour: hour,
    });
    const [counts, baseRates] = await Promise.all([
      this.cache.get(cellId(cells.flight_season) + '#' + cellId(cells.route_month_hour_band), () =>
        this.readCounts(cells),
      ),
      this.cache.get(BASE_RATES_KEY, () => this.statistics.loadBaseRates()),
    ]);
    const baseRate = baseRates.get(request.terms.delayThresholdMinutes as DelayThresholdMinutes);
    const { terms } = request;
    // The level factors, through the same pure functions as the rolling backtest (ADR 0006).
    const hourBands = terms.hourBands
      ? await this.cache.get(`hours#${termsId}`, () => this.hourBandFactorsFor(terms))
      : null;
    const [experience, surge, monthFactors] = await Promise.all([
      terms.experience
        ? this.cache.get(`experience#${termsId}|${saleDate}`, () =>
            this.experienceFor(terms, terms.experience!, hourBands, baseRate, saleDate),
          )
        : null,
      terms.surgeLoading
        ? this.cache.get(`surge#${termsId}|${saleDate}`, () =>
            this.experienceFor(terms, terms.surgeLoading!, hourBands, baseRate, saleDate),
          )
        : null,
      terms.seasonality ? this.cache.get(`months#${termsId}`, () => this.monthFactorsFor(terms)) : null,
    ]);
    const subject = { carrier: request.carrier, origin: request.origin, destination: request.destination };
    const experienceFactor = experience?.factorFor(subject).factor ?? 1;
    const surgeLoading = surge ? surgeLoadingOf(experience, surge, terms.surgeLoading!.maxFactor, subject) : 1;
    return priceFlightDelay({
      counts,
      baseRate,
      payoutFen: request.payoutFen,
      terms,
      adjustments: {
        experienceFactor,
        monthFactor: monthFactors?.get(month) ?? 1,
        hourBandFactor: hourBandFactorOf(hourBands, hour),
        surgeLoading,
      },
    });
  }

  private ruleOf(terms: FlightDelayPricingTerms): TriggerRule {
    return {
      delayThresholdMinutes: terms.delayThresholdMinutes as DelayThresholdMinutes,
      paysOnCancellation: terms.paysOnCancellation,
      paysOnDiversion: terms.paysOnDiversion,
    };
  }

  /**
   * The experience lookup of one version on one sale day: the daily outcome counts of the
   * window before it, each group's expected triggers from the statistics (one query for all
   * their cells), then the nested credibility factors. Cached with the statistics (60 s).
   */
  private async experienceFor(
    terms: FlightDelayPricingTerms,
    experience: ExperienceTerms,
    hourBands: ReadonlyMap<number, number> | null,
    baseRate: number | undefined,
    saleDate: string,
  ): Promise<ExperienceFactors> {
    const rows = await this.outcomes.daysBetween(addCalendarDays(saleDate, -experience.windowDays), saleDate);
    const subjects = rows.map((row) => ({
      carrier: row.carrier,
      flightNo: '',
      origin: row.origin,
      destination: row.destination,
      month: row.month,
      scheduledDepartureHour: row.hourBand,
    }));
    const cells = new Map<string, ReturnType<typeof statisticCellsFor>[StatisticLevel]>();
    for (const subject of subjects)
      for (const cell of Object.values(statisticCellsFor(subject))) cells.set(cellId(cell), cell);
    const found =
      cells.size > 0 ? await this.statistics.findCounts([...cells.values()]) : new Map<string, OutcomeCounts>();
    const withoutExperience = { ...terms, experience: undefined, surgeLoading: undefined, seasonality: undefined };
    const recent = recentOutcomesOf(rows, saleDate, this.ruleOf(terms), (subject) => {
      const subjectCells = statisticCellsFor(subject);
      const counts = Object.fromEntries(
        STATISTIC_LEVELS.map((level) => [level, found.get(cellId(subjectCells[level])) ?? emptyCounts()]),
      ) as Record<StatisticLevel, OutcomeCounts>;
      return priceFlightDelay({
        counts,
        baseRate,
        payoutFen: 100,
        terms: withoutExperience,
        adjustments: { hourBandFactor: hourBandFactorOf(hourBands, subject.scheduledDepartureHour) },
      }).probability;
    });
    return new ExperienceFactors(experience, recent);
  }

  private async hourBandFactorsFor(terms: FlightDelayPricingTerms): Promise<Map<number, number>> {
    const byBand = await this.cache.get(HOUR_BAND_COUNTS_KEY, () => this.outcomes.statisticsByHourBand());
    return hourBandFactorsFromCounts(byBand, this.ruleOf(terms), terms.hourBands!);
  }

  private async monthFactorsFor(terms: FlightDelayPricingTerms): Promise<Map<number, number>> {
    const byMonth = await this.cache.get(MONTH_COUNTS_KEY, () => this.outcomes.statisticsByMonth());
    return monthFactorsFromCounts(byMonth, this.ruleOf(terms), terms.seasonality!);
  }

  /** Clears cached statistics, e.g. after an import in this process. */
  invalidateStatistics(): void {
    this.cache.invalidate();
  }

  private async readCounts(
    cells: ReturnType<typeof statisticCellsFor>,
  ): Promise<Record<StatisticLevel, OutcomeCounts>> {
    const found = await this.statistics.findCounts(STATISTIC_LEVELS.map((level) => cells[level]));
    return Object.fromEntries(
      STATISTIC_LEVELS.map((level) => [level, found.get(cellId(cells[level])) ?? emptyCounts()]),
    ) as Record<StatisticLevel, OutcomeCounts>;
  }
}
