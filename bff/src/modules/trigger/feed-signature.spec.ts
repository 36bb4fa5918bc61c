import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../core/errors/app.exception.js';
import { verifyFeedSignature } from './feed-signature.js';

const sign = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
const codeOf = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as AppException).code;
  }
};

describe('flight feed signatures', () => {
  const now = 1_790_000_000_000;
  const ts = now / 1000;
  const body = '{"eventId":"e1"}';

  it('accept the HMAC of timestamp.rawBody within five minutes either way', () => {
    for (const at of [ts, ts - 300, ts + 300]) {
      expect(
        codeOf(() =>
          verifyFeedSignature(
            's3cret',
            { 'x-feed-timestamp': String(at), 'x-feed-signature': sign('s3cret', at, body) },
            body,
            now,
          ),
        ),
      ).toBeUndefined();
    }
  });

  it('refuse another secret, another body, a missing header, and a replay older than five minutes', () => {
    const headers = (at: number, secret = 's3cret') => ({
      'x-feed-timestamp': String(at),
      'x-feed-signature': sign(secret, at, body),
    });
    expect(codeOf(() => verifyFeedSignature('s3cret', headers(ts, 'other'), body, now))).toBe('FEED_SIGNATURE_INVALID');
    expect(codeOf(() => verifyFeedSignature('s3cret', headers(ts), `${body} `, now))).toBe('FEED_SIGNATURE_INVALID');
    expect(codeOf(() => verifyFeedSignature('s3cret', { 'x-feed-timestamp': String(ts) }, body, now))).toBe(
      'FEED_SIGNATURE_INVALID',
    );
    expect(codeOf(() => verifyFeedSignature('s3cret', headers(ts - 301), body, now))).toBe('FEED_TIMESTAMP_STALE');
  });
});
