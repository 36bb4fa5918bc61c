import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  heatDeductibleDays,
  rainPayoutFen,
  type HeatQuoteRequest,
  type HeatTerms,
  type Quote,
  type RainQuoteRequest,
  type RainTerms,
} from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { named } from '../../core/database/named-parameters.js';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache, type SellableVersion } from '../catalog/product-version.cache.js';
import { WeatherPricingService } from '../pricing/weather/weather-pricing.service.js';
import { checkHeatSale, checkRainSale } from '../weather/domain/weather-sale-rules.js';
import { heatSubjectOf, rainSubjectOf } from '../weather/domain/weather-subject.js';
import { WeatherPlaces, type WeatherPlaceRecord } from '../weather/weather-places.js';
import { QUOTE_TTL_MS } from './create-quote.use-case.js';

/** Capacity used so far in a place's period ('2027' season, '2027-07-01' visit day). */
const soldIn = async (dataSource: DataSource, placeCode: string, period: string): Promise<number> => {
  const [row] = (await dataSource.query(`SELECT sold FROM weather_capacity WHERE place_code = $1 AND period = $2`, [
    placeCode,
    period,
  ])) as {
    sold: number;
  }[];
  return row?.sold ?? 0;
};

/**
 * Quotes for weather cover. HEAT37: a city, 1-10 units and the season, priced per unit from the
 * city's history over the days the cover would have (the waiting period applied). RAIN: a spot,
 * the visit date and persons, priced from the spot's rain frequency in that month. Each stop-sale
 * rule has its own code; capacity is checked here for a clear answer and taken, atomically, at issue.
 */
@Injectable()
export class CreateWeatherQuoteUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    private readonly places: WeatherPlaces,
    private readonly pricing: WeatherPricingService,
    private readonly clock: Clock,
  ) {}

  async heat(customerId: string, request: HeatQuoteRequest): Promise<Quote> {
    const now = this.clock.now();
    const version = await this.onSale(request.productCode, 'heat');
    const terms = version.terms as HeatTerms;
    const place = await this.place(request.cityCode, 'city');
    if (request.units < terms.minUnits || request.units > terms.maxUnits)
      throw new AppException('UNITS_INVALID', { min: terms.minUnits, max: terms.maxUnits });
    const sale = checkHeatSale(terms, request.seasonYear, now);
    if (!sale.ok) throw new AppException(sale.code);
    if ((await soldIn(this.dataSource, place.code, String(request.seasonYear))) + request.units > place.capacity)
      throw new AppException('PLACE_CAPACITY_REACHED');
    const deductibleDays = heatDeductibleDays(terms, place.code);
    const price = await this.pricing.priceHeat({
      stationId: place.stationId,
      terms,
      deductibleDays,
      cover: { start: sale.cover.start, end: sale.cover.end },
    });
    if (price.status !== 'priced') {
      throw new AppException(
        price.reason === 'INSUFFICIENT_HISTORY' ? 'WEATHER_HISTORY_INSUFFICIENT' : 'HEAT_PRICING_DECLINED',
        { reason: price.reason },
      );
    }
    // A unit never sells for what it can pay at most: history says the cap is all but certain.
    if (price.premiumPerUnitFen >= terms.capPerUnitFen) {
      throw new AppException('HEAT_PRICING_DECLINED', {
        reason: 'PREMIUM_NOT_BELOW_CAP',
        premiumPerUnitFen: price.premiumPerUnitFen,
      });
    }
    const premiumFen = price.premiumPerUnitFen * request.units;
    const payoutFen = terms.capPerUnitFen * request.units;
    const quote = await this.insert(customerId, version, place, {
      units: request.units,
      coverStart: sale.cover.start,
      coverEnd: sale.cover.end,
      premiumFen,
      payoutFen,
      pricing: { ...price, deductibleDays, cover: { start: sale.cover.start, end: sale.cover.end } },
      now,
    });
    return {
      ...quote,
      subject: heatSubjectOf(terms, place, {
        seasonYear: request.seasonYear,
        units: request.units,
        start: sale.cover.start,
        end: sale.cover.end,
        deductibleDays,
      }),
    };
  }

  async rain(customerId: string, request: RainQuoteRequest): Promise<Quote> {
    const now = this.clock.now();
    const version = await this.onSale(request.productCode, 'rain');
    const terms = version.terms as RainTerms;
    const place = await this.place(request.spotCode, 'spot');
    if (request.persons < 1 || request.persons > terms.maxPersons)
      throw new AppException('PERSONS_INVALID', { min: 1, max: terms.maxPersons });
    const closed = checkRainSale(terms, request.visitDate, now);
    if (closed) throw new AppException(closed);
    if ((await soldIn(this.dataSource, place.code, request.visitDate)) + request.persons > place.capacity)
      throw new AppException('PLACE_CAPACITY_REACHED');
    const price = await this.pricing.priceRain({
      stationId: place.stationId,
      visitDate: request.visitDate,
      persons: request.persons,
      terms,
    });
    if (price.status !== 'priced') throw new AppException('WEATHER_HISTORY_INSUFFICIENT', { reason: price.reason });
    const quote = await this.insert(customerId, version, place, {
      units: request.persons,
      coverStart: request.visitDate,
      coverEnd: request.visitDate,
      premiumFen: price.premiumFen,
      payoutFen: rainPayoutFen(terms, request.persons),
      pricing: price,
      now,
    });
    return {
      ...quote,
      subject: rainSubjectOf(terms, place, { date: request.visitDate, persons: request.persons }),
    };
  }

  private async onSale(productCode: string, kind: 'heat' | 'rain'): Promise<SellableVersion> {
    const version = await this.versions.currentFor(productCode);
    if (!version) throw new AppException('PRODUCT_NOT_FOUND');
    if (version.terms.kind !== kind) throw new AppException('PRODUCT_NOT_ON_SALE');
    return version;
  }

  private async place(code: string, kind: 'city' | 'spot'): Promise<WeatherPlaceRecord> {
    const place = await this.places.byCode(code);
    if (!place || place.kind !== kind) throw new AppException('PLACE_NOT_FOUND');
    return place;
  }

  private async insert(
    customerId: string,
    version: SellableVersion,
    place: WeatherPlaceRecord,
    row: {
      units: number;
      coverStart: string;
      coverEnd: string;
      premiumFen: number;
      payoutFen: number;
      pricing: object;
      now: Date;
    },
  ): Promise<Omit<Quote, 'subject'>> {
    const expiresAt = new Date(Date.now() + QUOTE_TTL_MS);
    const [{ id }] = (await this.dataSource.query(
      ...named(
        `INSERT INTO quotes (customer_id, product_id, product_version_id, flight_id, place_code, units, cover_start_date, cover_end_date,
                             payout_fen, premium_fen, pricing, expires_at)
         VALUES ($customerId, $productId, $productVersionId, NULL, $placeCode, $units, $coverStartDate, $coverEndDate,
                 $payoutFen, $premiumFen, $pricing, $expiresAt) RETURNING id`,
        {
          customerId,
          productId: version.productId,
          productVersionId: version.versionId,
          placeCode: place.code,
          units: row.units,
          coverStartDate: row.coverStart,
          coverEndDate: row.coverEnd,
          payoutFen: row.payoutFen,
          premiumFen: row.premiumFen,
          pricing: JSON.stringify(row.pricing),
          expiresAt,
        },
      ),
    )) as { id: string }[];
    return {
      id: id!,
      productCode: version.productCode,
      productName: version.productName,
      productVersionId: version.versionId,
      productVersion: version.version,
      premiumFen: row.premiumFen,
      payoutFen: row.payoutFen,
      expiresAt: expiresAt.toISOString(),
    };
  }
}
