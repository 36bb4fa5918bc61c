import { weatherObservationsResponseSchema, type WeatherObservationsResponse } from '@xiaoan/shared';
import type { z } from 'zod';

export class WeatherDataError extends Error {
  override readonly name = 'WeatherDataError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WeatherDataConfig {
  /** WEATHER_DATA_ORIGIN: the provider's pull API (the simulator locally). */
  readonly origin: string;
  readonly timeoutMs?: number;
}

/** The station history's header: `tmax` in °C, `precipitation` in mm over 09:00–17:00 Beijing. */
const HISTORY_HEADER = 'station,date,tmax,precipitation';

/**
 * The weather provider's pull API: a Beijing day's observations (the backstop when a push was
 * missed) and the station history that prices HEAT37 and RAIN.
 */
export class WeatherDataClient {
  constructor(private readonly config: WeatherDataConfig) {}

  /** Every reading of a Beijing day: one daily maximum per city station, 24 hours per spot station. */
  async observations(date: string): Promise<WeatherObservationsResponse> {
    const response = await this.get(
      `/weather-data/v1/observations?date=${encodeURIComponent(date)}`,
      'application/json',
    );
    this.assertOk(response);
    return this.parse(weatherObservationsResponseSchema, await response.json().catch(() => undefined));
  }

  /** The CSV `station,date,tmax,precipitation`, one row per station per day of `from..to`. */
  async historyCsv(from: string, to: string): Promise<string> {
    // Fifteen years of twenty stations is a few megabytes: allow more time than a day's observations.
    const response = await this.get(
      `/weather-data/v1/history.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      'text/csv',
      6,
    );
    this.assertOk(response);
    const text = await response.text().catch((error: unknown) => {
      throw new WeatherDataError(`weather data provider broke off the history: ${(error as Error).message}`, true, {
        cause: error,
      });
    });
    if (!text.startsWith(HISTORY_HEADER))
      throw new WeatherDataError('weather data provider sent a history without the expected header', false);
    return text;
  }

  private async get(pathWithQuery: string, accept: string, timeoutFactor = 1): Promise<Response> {
    try {
      return await fetch(`${this.config.origin}${pathWithQuery}`, {
        headers: { accept },
        signal: AbortSignal.timeout((this.config.timeoutMs ?? 5000) * timeoutFactor),
      });
    } catch (error) {
      throw new WeatherDataError(`weather data provider unreachable: ${(error as Error).message}`, true, {
        cause: error,
      });
    }
  }

  private assertOk(response: Response): void {
    if (!response.ok) {
      throw new WeatherDataError(
        `weather data provider answered ${response.status}`,
        response.status >= 500 || response.status === 429,
      );
    }
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new WeatherDataError('weather data provider sent an unexpected answer', false);
    return parsed.data;
  }
}
