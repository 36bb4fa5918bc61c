import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BatchedInsert } from '../../core/database/batched-insert.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { flightQuoteRequestSchema, type FlightDelayTerms, type FlightQuoteRequest, type Quote } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { ProductVersionCache } from '../../modules/catalog/product-version.cache.js';
import { toFlight } from '../../modules/flight/flight.record.js';
import { LookupFlightsUseCase } from '../../modules/flight/lookup-flights.use-case.js';
import { PricingService } from '../../modules/pricing/pricing.service.js';
import { SaleGuardService } from '../../modules/sale-guard/sale-guard.service.js';
import { QUOTE_TTL_MS, versionOnSale, type FoundVersion, type ProductQuoter } from '../product-quoter.js';
import { flightStopSaleReason } from './flight-delay-sale-rules.js';

/** The pricing evidence stored with a quote; prices are memoised, so is their serialisation. */
const evidence = new WeakMap<object, string>();
const pricingEvidenceOf = (price: { probability: number; chargedProbability: number; breakdown: unknown }): string => {
  let text = evidence.get(price);
  if (text === undefined) {
    text = JSON.stringify({
      probability: price.probability,
      chargedProbability: price.chargedProbability,
      breakdown: price.breakdown,
    });
    evidence.set(price, text);
  }
  return text;
};

/**
 * Price one passenger on one flight under the product version on sale now. Every stop-sale rule
 * answers with its own code; the quote keeps the pricing evidence and expires in 15 minutes.
 */
interface QuoteRow {
  id: string;
  customerId: string;
  productId: string;
  versionId: string;
  flightId: string;
  payoutFen: number;
  premiumFen: number;
  pricing: string;
  createdAt: Date;
  expiresAt: Date;
}

@Injectable()
export class QuoteFlightDelayUseCase implements ProductQuoter<'flight'> {
  readonly kind = 'flight';
  readonly subjectField = 'flightNo';

  /** Quotes are independent rows written at peak rates: they are group-committed. */
  private readonly quotes: BatchedInsert<QuoteRow>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    private readonly flights: LookupFlightsUseCase,
    private readonly pricing: PricingService,
    private readonly guard: SaleGuardService,
  ) {
    this.quotes = new BatchedInsert<QuoteRow>(dataSource, (rows) => ({
      sql: `INSERT INTO quotes (id, customer_id, product_id, product_version_id, flight_id, payout_fen, premium_fen, pricing, created_at, expires_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::jsonb[], $9::timestamptz[], $10::timestamptz[])`,
      params: [
        rows.map((r) => r.id),
        rows.map((r) => r.customerId),
        rows.map((r) => r.productId),
        rows.map((r) => r.versionId),
        rows.map((r) => r.flightId),
        rows.map((r) => r.payoutFen),
        rows.map((r) => r.premiumFen),
        rows.map((r) => r.pricing),
        rows.map((r) => r.createdAt),
        rows.map((r) => r.expiresAt),
      ],
    }));
  }

  async quote(customerId: string, body: unknown, found?: FoundVersion): Promise<Quote> {
    return this.quoteFlight(customerId, parseWith(flightQuoteRequestSchema, body), new Date(), found);
  }

  private async quoteFlight(
    customerId: string,
    request: FlightQuoteRequest,
    now: Date,
    found: FoundVersion | undefined,
  ): Promise<Quote> {
    const version = await versionOnSale(this.versions, request.productCode, found);
    if (!version) throw new AppException('PRODUCT_NOT_FOUND');
    if (version.terms.kind !== 'flight_delay') throw new AppException('PRODUCT_NOT_ON_SALE');
    const terms: FlightDelayTerms = version.terms;
    if (!terms.payoutTiersFen.includes(request.payoutTier)) {
      throw new AppException('PAYOUT_TIER_INVALID', { allowed: terms.payoutTiersFen });
    }

    const flight = await this.flights.findFresh(request.flightNo, request.flightDate, now);
    const stop = flightStopSaleReason(
      {
        status: flight.status,
        scheduledDeparture: flight.scheduled_departure,
        actualDeparture: flight.actual_departure,
        actualArrival: flight.actual_arrival,
        soldSumInsuredFen: Number(flight.sold_sum_insured_fen),
      },
      terms,
      request.payoutTier,
      now,
    );
    if (stop) throw new AppException(stop);
    // Live guard rails (issue 16): a route closed for weather, a version over its loss ratio.
    const guarded = await this.guard.stopReason(
      { versionId: version.versionId, terms, origin: flight.origin.code, destination: flight.destination.code },
      now,
    );
    if (guarded) {
      // The repriced version is on sale from now: the next quote in this process sells it.
      if (guarded === 'PRODUCT_VERSION_REPRICED') this.versions.forget(request.productCode);
      throw new AppException(guarded);
    }

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
    const id = randomUUID();
    await this.quotes.insert({
      id,
      customerId,
      productId: version.productId,
      versionId: version.versionId,
      flightId: flight.id,
      payoutFen: request.payoutTier,
      premiumFen: price.premiumFen,
      pricing: pricingEvidenceOf(price),
      createdAt: now,
      expiresAt,
    });
    return {
      id,
      productCode: version.productCode,
      productName: version.productName,
      productVersionId: version.versionId,
      productVersion: version.version,
      subject: { kind: 'flight', flight: toFlight(flight), delayThresholdMinutes: terms.delayThresholdMinutes },
      premiumFen: price.premiumFen,
      payoutFen: request.payoutTier,
      expiresAt: expiresAt.toISOString(),
    };
  }
}
