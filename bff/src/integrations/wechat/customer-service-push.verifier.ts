import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Checks a customer-service push (消息推送): `signature` = SHA1 of the token, `timestamp`
 * and `nonce` sorted and concatenated. Replays older than `maxAgeSeconds` are refused.
 */
export function verifyCustomerServicePush(
  query: { signature?: string; timestamp?: string; nonce?: string },
  token: string,
  options: { nowSeconds?: number; maxAgeSeconds?: number } = {},
): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !/^\d+$/.test(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.maxAgeSeconds ?? 300)) return false;
  const expected = hash('sha1', [token, timestamp, nonce].sort().join(''), 'buffer');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
