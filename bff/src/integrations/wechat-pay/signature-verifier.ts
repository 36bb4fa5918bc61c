import { createVerify } from 'node:crypto';
import { SignatureRejectedError } from './signature-rejected.error.js';
import type { KeyObject } from 'node:crypto';

/** Both official SDKs refuse a Wechatpay-Timestamp 5 minutes or more away from now. */
export const SIGNATURE_WINDOW_SECONDS = 300;
const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';

export interface SignedMessage {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  serial: string | undefined;
  /** The body exactly as received: never re-serialised JSON. */
  rawBody: string;
}

/** Lower-cased header lookup, for Node and fetch header shapes alike. */
export function signedMessageFromHeaders(
  headers: Record<string, string | string[] | undefined> | Headers,
  rawBody: string,
): SignedMessage {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value =
      headers[name] ??
      headers[name.toLowerCase()] ??
      Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    timestamp: get('wechatpay-timestamp'),
    nonce: get('wechatpay-nonce'),
    signature: get('wechatpay-signature'),
    serial: get('wechatpay-serial'),
    rawBody,
  };
}

/** Finds the verification key a `Wechatpay-Serial` names, or nothing. */
export interface VerificationKeyResolver {
  keyFor(serial: string): Promise<KeyObject | undefined>;
}

/**
 * Checks `Wechatpay-Signature` over `TIMESTAMP\nNONCE\nRAW_BODY\n` with SHA256withRSA,
 * using the key `Wechatpay-Serial` names (platform certificate or `PUB_KEY_ID_…`).
 */
export class WechatPaySignatureVerifier {
  constructor(
    private readonly keys: VerificationKeyResolver,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(message: SignedMessage): Promise<void> {
    const { timestamp, nonce, signature, serial } = message;
    if (!timestamp || !nonce || !signature || !serial)
      throw new SignatureRejectedError('MISSING_HEADERS', 'Wechatpay-Timestamp/Nonce/Signature/Serial required');
    if (signature.startsWith(SIGNTEST_PREFIX))
      throw new SignatureRejectedError('SIGNTEST_PROBE', 'WeChat Pay signature probe');
    const seconds = Number(timestamp);
    if (!/^\d+$/.test(timestamp) || Math.abs(this.now() / 1000 - seconds) >= SIGNATURE_WINDOW_SECONDS) {
      throw new SignatureRejectedError('STALE_TIMESTAMP', `timestamp ${timestamp} outside the 5-minute window`);
    }
    const key = await this.keys.keyFor(serial);
    if (!key) throw new SignatureRejectedError('UNKNOWN_SERIAL', `no verification key for serial ${serial}`);
    const valid = createVerify('RSA-SHA256')
      .update(`${timestamp}\n${nonce}\n${message.rawBody}\n`)
      .verify(key, signature, 'base64');
    if (!valid) throw new SignatureRejectedError('BAD_SIGNATURE', 'signature does not verify');
  }
}
