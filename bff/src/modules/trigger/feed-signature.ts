import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppException } from '../../core/errors/app.exception.js';

/** architecture.md: a feed timestamp more than 5 minutes off is refused (replay window). */
export const FEED_REPLAY_WINDOW_SECONDS = 300;

type Headers_ = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Checks a data-feed webhook: `X-Feed-Signature = hex(HMAC-SHA256(secret, timestamp + "." + rawBody))`
 * over the exact bytes received, and `X-Feed-Timestamp` (Unix seconds) within ±5 minutes. The
 * signature is checked first, so a forged request learns nothing about the clock.
 */
export const verifyFeedSignature = (
  secret: string,
  headers: Headers_,
  rawBody: Buffer | string,
  nowMs = Date.now(),
): void => {
  const timestamp = single(headers['x-feed-timestamp']);
  const signature = single(headers['x-feed-signature']);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature || !/^[0-9a-fA-F]{64}$/.test(signature)) {
    throw new AppException('FEED_SIGNATURE_INVALID');
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw new AppException('FEED_SIGNATURE_INVALID');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > FEED_REPLAY_WINDOW_SECONDS)
    throw new AppException('FEED_TIMESTAMP_STALE');
};
