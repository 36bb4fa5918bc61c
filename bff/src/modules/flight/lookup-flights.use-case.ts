import { Inject, Injectable, Logger } from '@nestjs/common';
import { flightSaleStop, messageOf, type Flight, type FlightOption } from '@xiaoan/shared';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { AppException } from '../../core/errors/app.exception.js';
import { FlightDataClient, FlightDataError } from '../../integrations/flight-data/flight-data.client.js';
import { FlightRepository } from './flight.repository.js';
import { toFlight, type FlightRow } from './flight.record.js';

/** How long our copy of a flight is trusted before the provider is asked again. */
const FRESH_FOR_MS = 60_000;
/**
 * How long this instance reuses a flight row without reading PostgreSQL. Quotes only read the
 * status, schedule and sold capacity for a first check; issuing re-checks all three atomically.
 */
const MEMORY_MS = 3_000;

/**
 * Flights as the customer searches them, backed by the provider's pull API with a short-lived
 * copy in PostgreSQL (quotes are frequent; the provider is slow and metered).
 */
@Injectable()
export class LookupFlightsUseCase {
  private readonly logger = new Logger('LookupFlights');

  constructor(
    @Inject(FlightDataClient) private readonly provider: FlightDataClient,
    private readonly flights: FlightRepository,
    private readonly versions: ProductVersionCache,
  ) {}

  private readonly memory = new Map<string, { row: FlightRow; at: number }>();

  /** The flight row for quoting: fresh from the provider unless our copy is recent. */
  async findFresh(flightNo: string, flightDate: string, now = new Date()): Promise<FlightRow> {
    const key = `${flightNo}|${flightDate}`;
    const remembered = this.memory.get(key);
    if (remembered && now.getTime() - remembered.at < MEMORY_MS) return remembered.row;
    const row = await this.readThrough(flightNo, flightDate, now);
    if (this.memory.size > 20_000) this.memory.clear();
    this.memory.set(key, { row, at: now.getTime() });
    return row;
  }

  private async readThrough(flightNo: string, flightDate: string, now: Date): Promise<FlightRow> {
    const cached = await this.flights.find(flightNo, flightDate);
    if (cached && now.getTime() - cached.refreshed_at.getTime() < FRESH_FOR_MS) return cached;
    const record = await this.provider.findFlight(flightNo, flightDate).catch((error: unknown) => {
      if (cached) return 'use-cached' as const;
      this.logger.warn({ err: error, flightNo, flightDate }, 'flight data provider failed');
      throw new AppException(
        error instanceof FlightDataError && !error.retryable ? 'FLIGHT_NOT_FOUND' : 'FLIGHT_DATA_UNAVAILABLE',
      );
    });
    if (record === 'use-cached') return cached!;
    if (!record) throw new AppException('FLIGHT_NOT_FOUND');
    return this.flights.upsertFromProvider(record);
  }

  /**
   * The flights the customer can pick from, each with the true reason it can no longer be bought
   * (departed, landed, within 2 h of departure…), judged by the product's current sale window.
   */
  async search(
    flightDate: string,
    flightNo?: string,
    productCode = 'FD120',
    now = new Date(),
  ): Promise<FlightOption[]> {
    const flights = flightNo
      ? [toFlight(await this.findFresh(flightNo, flightDate, now))]
      : await this.schedule(flightDate);
    const version = await this.versions.currentFor(productCode);
    const terms = version?.terms.kind === 'flight_delay' ? version.terms : null;
    return flights.map((flight) => {
      const code = terms
        ? flightSaleStop(
            {
              status: flight.status,
              scheduledDeparture: new Date(flight.scheduledDeparture),
              actualDeparture: flight.actualDeparture ? new Date(flight.actualDeparture) : null,
              actualArrival: flight.actualArrival ? new Date(flight.actualArrival) : null,
            },
            terms,
            now,
          )
        : 'PRODUCT_NOT_ON_SALE';
      return { ...flight, saleStop: code ? { code, reason: messageOf(code) } : null };
    });
  }

  private async schedule(flightDate: string): Promise<Flight[]> {
    const records = await this.provider.listFlights(flightDate).catch((error: unknown) => {
      this.logger.warn({ err: error, flightDate }, 'flight data provider failed');
      throw new AppException('FLIGHT_DATA_UNAVAILABLE');
    });
    // The provider's record is a Flight plus its own bookkeeping.
    return records.map(({ revision: _revision, updatedAt: _updatedAt, ...flight }) => flight);
  }
}
