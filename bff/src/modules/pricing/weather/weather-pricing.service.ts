import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  assertBeijingDate,
  priceHeat,
  priceRain,
  type BeijingDate,
  type HeatPrice,
  type HeatPricingTerms,
  type HeatTerms,
  type RainPrice,
  type RainPricingTerms,
  type RainTerms,
} from '@xiaoan/shared';
import { WeatherHistoryCache } from './weather-history.cache.js';
import {
  averageHotDaysOf,
  completeSeasons,
  historyStretchOf,
  hotDayThresholdTenths,
  monthAndDay,
  rainThresholdTenths,
  triggeredByDayOf,
  type HeatSeasonAggregate,
  type HistoryStretch,
  type RainMonthAggregate,
} from './weather-history-statistics.js';

export interface PriceHeatFromHistoryRequest {
  /** The city's reference station (`weather_places.station_id`). */
  stationId: string;
  terms: HeatPricingTerms;
  /** The city's deductible under the version (see the shared `heatDeductibleDays`). */
  deductibleDays: number;
  /** The covered Beijing days, both included: the past seasons are sliced to the same MM-DD stretch. */
  cover: { start: BeijingDate; end: BeijingDate };
  /** Re-pricing in season: hot days the cover has already counted (then `cover` is the days left). */
  hotDaysAlreadyCounted?: number;
}

export interface PriceRainFromHistoryRequest {
  /** The spot's reference station (`weather_places.station_id`). */
  stationId: string;
  visitDate: BeijingDate;
  persons: number;
  terms: RainPricingTerms & Pick<RainTerms, 'thresholdMm' | 'windowStart' | 'windowEnd'>;
}

/** The visiting window `weather_history.precip_tenths` measures: a version with another window cannot be priced from it. */
export const HISTORY_RAIN_WINDOW = { start: '09:00', end: '17:00' } as const;

interface HeatSeasonRow {
  season: number;
  days: number;
  days_with_tmax: number;
  hot_days: number;
}

/**
 * HEAT37 and RAIN premiums from the imported station history (products.md §2-3). PostgreSQL
 * counts (one aggregate per station and stretch or month, never the days themselves); the shared
 * rules price. Aggregates are cached for ten minutes and cleared by an import in this process.
 */
@Injectable()
export class WeatherPricingService {
  private readonly cache = new WeatherHistoryCache();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per-unit HEAT37 premium: each past season (years before the cover's) sliced to the cover's
   * `MM-DD` stretch, kept when ≥ 90 % of its days have a reading, then the shared `priceHeat`.
   * Declines INSUFFICIENT_HISTORY below the version's `minHistorySeasons`.
   */
  async priceHeat(request: PriceHeatFromHistoryRequest): Promise<HeatPrice> {
    const stretch = historyStretchOf(request.cover);
    const coverYear = Number(request.cover.start.slice(0, 4));
    const aggregates = await this.heatSeasons(
      request.stationId,
      stretch,
      hotDayThresholdTenths(request.terms.thresholdCelsius),
      coverYear,
    );
    return priceHeat({
      terms: request.terms,
      deductibleDays: request.deductibleDays,
      history: completeSeasons(aggregates),
      ...(request.hotDaysAlreadyCounted !== undefined ? { hotDaysAlreadyCounted: request.hotDaysAlreadyCounted } : {}),
    });
  }

  /**
   * Per-policy RAIN premium: `p` = share of the spot's past days in the visit's calendar month
   * (all years) whose window rain reached the threshold, then the shared `priceRain`.
   */
  async priceRain(request: PriceRainFromHistoryRequest): Promise<RainPrice> {
    assertBeijingDate(request.visitDate);
    const { terms } = request;
    if (terms.windowStart !== HISTORY_RAIN_WINDOW.start || terms.windowEnd !== HISTORY_RAIN_WINDOW.end) {
      throw new RangeError(
        `the station history holds ${HISTORY_RAIN_WINDOW.start}-${HISTORY_RAIN_WINDOW.end} rain; ` +
          `a ${terms.windowStart}-${terms.windowEnd} window cannot be priced from it`,
      );
    }
    const month = Number(request.visitDate.slice(5, 7));
    const aggregate = await this.rainMonth(request.stationId, month, rainThresholdTenths(terms.thresholdMm));
    return priceRain({ terms, persons: request.persons, triggeredByDay: triggeredByDayOf(aggregate) });
  }

  /**
   * Mean hot days per whole season (`seasonStart`…`seasonEnd`) over the complete seasons on
   * record, for the city picker's hint; null with fewer than `minHistorySeasons` of them.
   */
  async averageHotDays(
    stationId: string,
    terms: Pick<HeatTerms, 'thresholdCelsius' | 'seasonStart' | 'seasonEnd' | 'minHistorySeasons'>,
  ): Promise<number | null> {
    const stretch: HistoryStretch = {
      startMonthDay: terms.seasonStart,
      endMonthDay: terms.seasonEnd,
      yearSpan: terms.seasonEnd < terms.seasonStart ? 1 : 0,
    };
    const aggregates = await this.heatSeasons(stationId, stretch, hotDayThresholdTenths(terms.thresholdCelsius), null);
    return averageHotDaysOf(aggregates, terms.minHistorySeasons);
  }

  /** Forgets every cached aggregate; the import calls it once its transaction has committed. */
  invalidate(): void {
    this.cache.invalidate();
  }

  /**
   * Per past year: the stretch's days, those with a reading, and the hot ones. Years run from the
   * station's first year on record to the year before `beforeYear` (or its last year on record).
   * A stretch day that a year lacks (02-29) is clamped to the month's last day.
   */
  private heatSeasons(
    stationId: string,
    stretch: HistoryStretch,
    thresholdTenths: number,
    beforeYear: number | null,
  ): Promise<HeatSeasonAggregate[]> {
    const key = `heat|${stationId}|${stretch.startMonthDay}|${stretch.endMonthDay}|${stretch.yearSpan}|${thresholdTenths}|${beforeYear ?? '-'}`;
    return this.cache.get(key, async () => {
      const start = monthAndDay(stretch.startMonthDay);
      const end = monthAndDay(stretch.endMonthDay);
      const rows = (await this.dataSource.query(
        `WITH bounds AS (
           SELECT extract(year FROM min(day))::int AS first_year, extract(year FROM max(day))::int AS last_year
             FROM weather_history WHERE station_id = $1
         ), seasons AS (
           SELECT y AS season,
                  least(make_date(y, $3::int, 1) + ($4::int - 1), (make_date(y, $3::int, 1) + interval '1 month')::date - 1) AS first_day,
                  least(make_date(y + $7::int, $5::int, 1) + ($6::int - 1), (make_date(y + $7::int, $5::int, 1) + interval '1 month')::date - 1) AS last_day
             FROM bounds, generate_series(bounds.first_year, least(bounds.last_year, $8::int - 1)) AS y
         )
         SELECT s.season,
                (s.last_day - s.first_day + 1) AS days,
                count(h.tmax_tenths)::int AS days_with_tmax,
                count(*) FILTER (WHERE h.tmax_tenths >= $2::int)::int AS hot_days
           FROM seasons s
           JOIN weather_history h ON h.station_id = $1 AND h.day BETWEEN s.first_day AND s.last_day
          GROUP BY s.season, s.first_day, s.last_day
          ORDER BY s.season`,
        [stationId, thresholdTenths, start.month, start.day, end.month, end.day, stretch.yearSpan, beforeYear],
      )) as HeatSeasonRow[];
      return rows.map((row) => ({
        season: Number(row.season),
        days: Number(row.days),
        daysWithTmax: Number(row.days_with_tmax),
        hotDays: Number(row.hot_days),
      }));
    });
  }

  private rainMonth(stationId: string, month: number, thresholdTenths: number): Promise<RainMonthAggregate> {
    return this.cache.get(`rain|${stationId}|${month}|${thresholdTenths}`, async () => {
      const rows = (await this.dataSource.query(
        `SELECT count(precip_tenths)::int AS days_observed,
                count(*) FILTER (WHERE precip_tenths >= $2::int)::int AS rainy_days
           FROM weather_history
          WHERE station_id = $1 AND extract(month FROM day) = $3::int`,
        [stationId, thresholdTenths, month],
      )) as { days_observed: number; rainy_days: number }[];
      return { daysObserved: Number(rows[0]!.days_observed), rainyDays: Number(rows[0]!.rainy_days) };
    });
  }
}
