import { DEV_FLIGHT_FEED_SECRET, signFeedBody } from '../../sim/flights/flight-feed-signature.js';
import type { FixtureFlight } from '../../bench/support/insured-flight.fixture.js';

export interface FeedAnswer {
  status: number;
  body: { eventId?: string; outcome?: string; claimsApproved?: number; code?: string };
}

/** What the flight-status provider pushes, signed with the feed secret unless told otherwise. */
export const postFlightEvent = async (
  baseUrl: string,
  event: Record<string, unknown>,
  options: { secret?: string; timestampSeconds?: number; tamper?: (body: string) => string } = {},
): Promise<FeedAnswer> => {
  const signed = signFeedBody(
    options.secret ?? DEV_FLIGHT_FEED_SECRET,
    JSON.stringify(event),
    options.timestampSeconds,
  );
  const response = await fetch(`${baseUrl}/api/v1/feeds/flight-status`, {
    method: 'POST',
    headers: signed.headers,
    body: options.tamper ? options.tamper(signed.body) : signed.body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
};

let sequence = 0;

/** A status event for a fixture flight; `delayMinutes` shifts the actual times from the schedule. */
export const flightEvent = (
  flight: Pick<FixtureFlight, 'flightNo' | 'flightDate' | 'scheduledDeparture' | 'scheduledArrival'>,
  status: 'scheduled' | 'delayed' | 'departed' | 'arrived' | 'cancelled' | 'diverted',
  revision: number,
  delayMinutes = 0,
  eventId = `EVT-${flight.flightNo}-${flight.flightDate}-${revision}-${(sequence += 1)}`,
): Record<string, unknown> => {
  const shift = (at: Date) => new Date(at.getTime() + delayMinutes * 60_000).toISOString();
  return {
    eventId,
    flightNo: flight.flightNo,
    flightDate: flight.flightDate,
    status,
    revision,
    scheduledDeparture: flight.scheduledDeparture.toISOString(),
    scheduledArrival: flight.scheduledArrival.toISOString(),
    ...(status === 'departed' || status === 'arrived' ? { actualDeparture: shift(flight.scheduledDeparture) } : {}),
    ...(status === 'arrived' ? { actualArrival: shift(flight.scheduledArrival) } : {}),
    occurredAt: new Date().toISOString(),
  };
};

/** Polls `probe` until it gives a value; `what` may be a function, read only when the time is up. */
export const waitFor = async <T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Lives on the BFF's business clock (simulator only) until just after the event's arrival: the feed
 * disbelieves an arrival in the future, so a test lands a flight only once its arrival has happened.
 */
export const liveUntilArrival = async (baseUrl: string, event: Record<string, unknown>): Promise<void> => {
  const at = new Date(Date.parse(String(event.actualArrival)) + 60_000).toISOString();
  const response = await fetch(`${baseUrl}/api/dev/sim/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at }),
  });
  if (response.status !== 200) throw new Error(`clock: ${response.status} ${await response.text()}`);
};

/** The provider reports the landing once it has happened: the clock lives until then, then the event is pushed. */
export const postArrival = async (baseUrl: string, event: Record<string, unknown>): Promise<FeedAnswer> => {
  await liveUntilArrival(baseUrl, event);
  return postFlightEvent(baseUrl, event);
};
