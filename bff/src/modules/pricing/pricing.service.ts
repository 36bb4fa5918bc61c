import { Injectable } from '@nestjs/common';
import type { DelayThresholdMinutes } from './domain/delay-thresholds.js';
import type { OutcomeCounts } from './domain/outcome-counts.js';
import { priceFlightDelay, type FlightDelayPrice, type FlightDelayPricingTerms } from './domain/price-flight-delay.js';
import { STATISTIC_LEVELS, cellId, statisticCellsFor, type StatisticLevel } from './domain/statistic-cell.js';
import { emptyCounts } from './domain/outcome-counts.js';
import { FlightStatisticsCache } from './flight-statistics.cache.js';
import { FlightStatisticsRepository } from './persistence/flight-statistics.repository.js';

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
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const localMonthAndHour = (departure: ScheduledDepartureLocal): { month: number; hour: number } => {
  if (!(departure instanceof Date)) return departure;
  const shanghai = new Date(departure.getTime() + SHANGHAI_OFFSET_MS);
  return { month: shanghai.getUTCMonth() + 1, hour: shanghai.getUTCHours() };
};

const BASE_RATES_KEY = 'base-rates';

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
    const key = `price#${termsId}|${request.carrier}|${request.flightNo}|${request.origin}|${request.destination}|${month}|${hour}|${request.payoutFen}`;
    return this.cache.get(key, () => this.price(request, month, hour));
  }

  private async price(request: PriceFlightDelayRequest, month: number, hour: number): Promise<FlightDelayPrice> {
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
      this.cache.get(cellId(cells.flight_season) + '#' + cellId(cells.route_month_hour_band), () => this.readCounts(cells)),
      this.cache.get(BASE_RATES_KEY, () => this.statistics.loadBaseRates()),
    ]);
    return priceFlightDelay({
      counts,
      baseRate: baseRates.get(request.terms.delayThresholdMinutes as DelayThresholdMinutes),
      payoutFen: request.payoutFen,
      terms: request.terms,
    });
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
