import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProductTerms, Quote } from '@xiaoan/shared';
import { named } from '../../core/database/named-parameters.js';
import { AppException } from '../../core/errors/app.exception.js';
import { QUOTE_TTL_MS, versionOnSale, type FoundVersion } from '../../products/product-quoter.js';
import { ProductVersionCache, type SellableVersion } from '../catalog/product-version.cache.js';
import { WeatherPlaces, type WeatherPlaceRecord } from '../weather/weather-places.js';

/** The quote row of cover sold per place, before the kind adds its subject. */
export interface PlaceQuoteRow {
  units: number;
  coverStart: string;
  coverEnd: string;
  premiumFen: number;
  payoutFen: number;
  pricing: object;
}

/**
 * What every kind sold per place (HEAT37's city season, RAIN's spot day) does the same way when it
 * quotes: find the version on sale and the place, read the capacity used in a period, and write the
 * quote row. Capacity is checked here for a clear answer and taken, atomically, at issue.
 */
@Injectable()
export class PlaceQuoteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    private readonly places: WeatherPlaces,
  ) {}

  async onSale(productCode: string, termsKind: ProductTerms['kind'], found?: FoundVersion): Promise<SellableVersion> {
    const version = await versionOnSale(this.versions, productCode, found);
    if (!version) throw new AppException('PRODUCT_NOT_FOUND');
    if (version.terms.kind !== termsKind) throw new AppException('PRODUCT_NOT_ON_SALE');
    return version;
  }

  async place(code: string, kind: WeatherPlaceRecord['kind']): Promise<WeatherPlaceRecord> {
    const place = await this.places.byCode(code);
    if (!place || place.kind !== kind) throw new AppException('PLACE_NOT_FOUND');
    return place;
  }

  /** Refuses `wanted` more units when the place's capacity in `period` ('2027' season, '2027-07-01' day) would be passed. */
  async checkCapacity(place: WeatherPlaceRecord, period: string, wanted: number): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT sold FROM weather_capacity WHERE place_code = $1 AND period = $2`,
      [place.code, period],
    )) as { sold: number }[];
    if ((row?.sold ?? 0) + wanted > place.capacity) throw new AppException('PLACE_CAPACITY_REACHED');
  }

  async insert(
    customerId: string,
    version: SellableVersion,
    place: WeatherPlaceRecord,
    row: PlaceQuoteRow,
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
