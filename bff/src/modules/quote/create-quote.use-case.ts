import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CreateQuoteRequest, FlightDelayTerms, Quote } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { toFlight } from '../flight/flight.record.js';
import { LookupFlightsUseCase } from '../flight/lookup-flights.use-case.js';
import { PricingService } from '../pricing/pricing.service.js';
import { flightStopSaleReason } from './domain/flight-sale-rules.js';

export const QUOTE_TTL_MS = 15 * 60 * 1000;

/**
 * Price one passenger on one flight under the product version on sale now. Every stop-sale rule
 * answers with its own code; the quote keeps the pricing evidence and expires in 15 minutes.
 */
@Injectable()
export class CreateQuoteUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    private readonly flights: LookupFlightsUseCase,
    private readonly pricing: PricingService,
  ) {}

  async execute(customerId: string, request: CreateQuoteRequest, now = new Date()): Promise<Quote> {
    const version = await this.versions.currentFor(request.productCode);
    if (!version) throw new AppException('PRODUCT_NOT_FOUND');
    if (version.terms.kind !== 'flight_delay') throw new AppException('PRODUCT_NOT_ON_SALE');
    const terms: FlightDelayTerms = version.terms;
    if (!terms.payoutTiersFen.includes(request.payoutTier)) {
      throw new AppException('PAYOUT_TIER_INVALID', { allowed: terms.payoutTiersFen });
    }

    const flight = await this.flights.findFresh(request.flightNo, request.flightDate, now);
    const stop = flightStopSaleReason(
      { status: flight.status, scheduledDeparture: flight.scheduled_departure, soldSumInsuredFen: Number(flight.sold_sum_insured_fen) },
      terms,
      request.payoutTier,
      now,
    );
    if (stop) throw new AppException(stop);

    const price = await this.pricing.priceFlightDelay({
      carrier: flight.carrier_code,
      flightNo: flight.flight_no,
      origin: flight.origin.code,
      destination: flight.destination.code,
      scheduledDepartureLocal: flight.scheduled_departure,
      payoutFen: request.payoutTier,
      terms,
    });
    if (price.status !== 'priced') throw new AppException('PRICING_DECLINED', { reason: price.reason });

    const expiresAt = new Date(now.getTime() + QUOTE_TTL_MS);
    const [row] = (await this.dataSource.query(
      `INSERT INTO quotes (customer_id, product_id, product_version_id, flight_id, payout_fen, premium_fen, pricing, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        customerId,
        version.productId,
        version.versionId,
        flight.id,
        request.payoutTier,
        price.premiumFen,
        JSON.stringify({ probability: price.probability, breakdown: price.breakdown }),
        now,
        expiresAt,
      ],
    )) as { id: string }[];
    return {
      id: row!.id,
      productCode: version.productCode,
      productName: version.productName,
      productVersionId: version.versionId,
      productVersion: version.version,
      flight: toFlight(flight),
      premiumFen: price.premiumFen,
      payoutFen: request.payoutTier,
      delayThresholdMinutes: terms.delayThresholdMinutes,
      expiresAt: expiresAt.toISOString(),
    };
  }
}
