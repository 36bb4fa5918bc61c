import { z } from 'zod';

const airport = z.object({ code: z.string(), name: z.string(), city: z.string() });

/** The provider's flight record (VariFlight / FlightAware style), as its pull API returns it. */
export const providerFlightSchema = z.object({
  flightNo: z.string(),
  flightDate: z.iso.date(),
  carrierCode: z.string(),
  carrierName: z.string(),
  origin: airport,
  destination: airport,
  scheduledDeparture: z.iso.datetime({ offset: true }),
  scheduledArrival: z.iso.datetime({ offset: true }),
  status: z.enum(['scheduled', 'delayed', 'departed', 'arrived', 'cancelled', 'diverted']),
  estimatedDeparture: z.iso.datetime({ offset: true }).nullable(),
  actualDeparture: z.iso.datetime({ offset: true }).nullable(),
  actualArrival: z.iso.datetime({ offset: true }).nullable(),
  revision: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ProviderFlight = z.infer<typeof providerFlightSchema>;

export class FlightDataError extends Error {
  override readonly name = 'FlightDataError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface FlightDataConfig {
  /** FLIGHT_DATA_ORIGIN: the provider's pull API (the simulator locally). */
  readonly origin: string;
  readonly timeoutMs?: number;
}

/** The flight-status provider's pull API: one flight on one date, or a day's schedule. */
export class FlightDataClient {
  constructor(private readonly config: FlightDataConfig) {}

  async findFlight(flightNo: string, date: string): Promise<ProviderFlight | null> {
    const response = await this.get(
      `/flight-data/v1/flights/${encodeURIComponent(flightNo)}/${encodeURIComponent(date)}`,
    );
    if (response.status === 404) return null;
    return this.parse(providerFlightSchema, response);
  }

  async listFlights(date: string): Promise<ProviderFlight[]> {
    const response = await this.get(`/flight-data/v1/flights?date=${encodeURIComponent(date)}`);
    return (await this.parse(z.object({ items: z.array(providerFlightSchema) }), response)).items;
  }

  private async get(path: string): Promise<Response> {
    try {
      return await fetch(`${this.config.origin}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new FlightDataError(`flight data provider unreachable: ${(error as Error).message}`, true, {
        cause: error,
      });
    }
  }

  private async parse<S extends z.ZodType>(schema: S, response: Response): Promise<z.output<S>> {
    if (!response.ok) {
      throw new FlightDataError(
        `flight data provider answered ${response.status}`,
        response.status >= 500 || response.status === 429,
      );
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new FlightDataError('flight data provider sent an unexpected answer', false);
    return parsed.data;
  }
}
