import { signFeedBody } from '../flights/flight-feed-signature.js';

/**
 * The development secret of the weather feed. The simulator signs with it and offers it as
 * WEATHER_FEED_SECRET in /__sim/dev-config, so a BFF started with SIM on verifies what it pushes.
 */
export const DEV_WEATHER_FEED_SECRET = 'xiaoan-dev-weather-feed-secret';

export interface WeatherFeedDelivery {
  eventId: string;
  /** The subscriber's last answer; 0 when it could not be reached. */
  status: number;
  attempts: number;
}

/**
 * Pushes signed readings to the subscriber's webhook (WEATHER_FEED_SECRET, X-Feed-* headers, as
 * for the flight feed): a few retries on a network error, 429 or 5xx, then the subscriber must pull.
 */
export class WeatherFeedPusher {
  url: string | undefined;
  readonly deliveries: WeatherFeedDelivery[] = [];
  private readonly closing = new AbortController();

  constructor(
    url: string | undefined,
    private readonly secret = DEV_WEATHER_FEED_SECRET,
    private readonly retryDelaysMs: readonly number[] = [200, 1000, 5000],
  ) {
    this.url = url;
  }

  /** Resolves once delivered (2xx), given up or closed; never throws. Undefined without a feed URL. */
  async push(event: { eventId: string }): Promise<WeatherFeedDelivery | undefined> {
    const url = this.url;
    if (!url || this.closing.signal.aborted) return undefined;
    const body = JSON.stringify(event);
    let status = 0;
    let attempts = 0;
    for (const delay of [0, ...this.retryDelaysMs]) {
      if (delay) await this.wait(delay);
      if (this.closing.signal.aborted) break;
      attempts += 1;
      // Signed afresh per attempt: the timestamp must stay within the receiver's 5 minutes.
      const signed = signFeedBody(this.secret, body);
      status = await fetch(url, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(10_000)]),
      }).then(
        (response) => response.status,
        () => 0,
      );
      if (status >= 200 && status < 300) break;
      // 4xx other than 429 will not get better by repeating it.
      if (status >= 400 && status < 500 && status !== 429) break;
    }
    const delivery = { eventId: event.eventId, status, attempts };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Stops pending retries and in-flight requests (the simulator is shutting down). */
  close(): void {
    this.closing.abort();
  }

  private wait(ms: number): Promise<void> {
    const signal = this.closing.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
