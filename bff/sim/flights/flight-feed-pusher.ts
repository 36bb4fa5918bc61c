import type { FlightRecord } from './flight-board.js';
import { DEV_FLIGHT_FEED_SECRET, signFeedBody } from './flight-feed-signature.js';

/** The event a provider pushes for one change of a flight (the shape of shared's flightStatusEventSchema). */
export const flightStatusEventOf = (flight: FlightRecord): Record<string, unknown> => ({
  // One id per change: a re-delivery of the same change carries the same id.
  eventId: `SIM-${flight.flightNo}-${flight.flightDate}-r${flight.revision}`,
  flightNo: flight.flightNo,
  flightDate: flight.flightDate,
  status: flight.status,
  revision: flight.revision,
  scheduledDeparture: flight.scheduledDeparture,
  scheduledArrival: flight.scheduledArrival,
  estimatedDeparture: flight.estimatedDeparture,
  actualDeparture: flight.actualDeparture,
  actualArrival: flight.actualArrival,
  occurredAt: flight.updatedAt,
});

export interface FeedDelivery {
  eventId: string;
  status: number;
  attempts: number;
}

/**
 * Pushes signed status events to the subscriber's webhook (FLIGHT_FEED_SECRET, X-Feed-* headers),
 * as the commercial feeds do: a few retries on failure, then the subscriber must poll.
 */
export class FlightFeedPusher {
  url: string | undefined;
  readonly deliveries: FeedDelivery[] = [];

  constructor(
    url: string | undefined,
    private readonly secret = DEV_FLIGHT_FEED_SECRET,
    private readonly retryDelaysMs: readonly number[] = [200, 1000, 5000],
  ) {
    this.url = url;
  }

  /** Resolves once delivered (2xx) or given up; never throws. */
  async push(flight: FlightRecord): Promise<FeedDelivery | undefined> {
    const url = this.url;
    if (!url) return undefined;
    const event = flightStatusEventOf(flight);
    const body = JSON.stringify(event);
    let status = 0;
    let attempts = 0;
    for (const delay of [0, ...this.retryDelaysMs]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay).unref());
      attempts += 1;
      const signed = signFeedBody(this.secret, body);
      status = await fetch(url, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        (response) => response.status,
        () => 0,
      );
      if (status >= 200 && status < 300) break;
      // 4xx other than 429 will not get better by repeating it.
      if (status >= 400 && status < 500 && status !== 429) break;
    }
    const delivery = { eventId: String(event.eventId), status, attempts };
    this.deliveries.push(delivery);
    return delivery;
  }
}
