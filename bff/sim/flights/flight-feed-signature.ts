import { createHmac } from 'node:crypto';

/**
 * The development secret of the flight-status feed. The simulator signs with it and offers it as
 * FLIGHT_FEED_SECRET in /__sim/dev-config, so a BFF started with SIM on verifies what it pushes.
 */
export const DEV_FLIGHT_FEED_SECRET = 'xiaoan-dev-flight-feed-secret';

export interface SignedFeedRequest {
  headers: Record<string, string>;
  body: string;
}

/** architecture.md: `X-Feed-Signature = hex(HMAC-SHA256(secret, timestamp + "." + rawBody))`, timestamp in Unix seconds. */
export const signFeedBody = (
  secret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): SignedFeedRequest => ({
  headers: {
    'content-type': 'application/json',
    'x-feed-timestamp': String(timestampSeconds),
    'x-feed-signature': createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex'),
  },
  body,
});
