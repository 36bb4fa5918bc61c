import { createVerify, type KeyObject } from 'node:crypto';

/** How far a merchant's Authorization timestamp may drift from ours (wechat.md §1). */
export const AUTHORIZATION_WINDOW_SECONDS = 300;

export interface AuthorizationCheck {
  readonly method: string;
  /** Path with query, no host: exactly what the merchant signed. */
  readonly pathWithQuery: string;
  /** The raw request body as received ('' for GET). */
  readonly rawBody: string;
  readonly header: string | undefined;
  readonly expectedMchid: string;
  readonly merchantSerial: string;
  readonly merchantPublicKey: KeyObject;
  readonly nowSeconds: number;
}

export type AuthorizationResult = { ok: true; mchid: string } | { ok: false; reason: string };

const SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/**
 * Checks `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",
 * serial_no="…",signature="…"` the way WeChat does. The five fields may come in any order.
 */
export function verifyMerchantAuthorization(check: AuthorizationCheck): AuthorizationResult {
  const header = check.header?.trim();
  if (!header?.startsWith(`${SCHEME} `)) return { ok: false, reason: 'missing or unsupported Authorization scheme' };
  const fields = new Map<string, string>();
  for (const match of header.slice(SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    fields.set(match[1]!, match[2]!);
  }
  const mchid = fields.get('mchid');
  const nonce = fields.get('nonce_str');
  const timestamp = fields.get('timestamp');
  const serial = fields.get('serial_no');
  const signature = fields.get('signature');
  if (!mchid || !nonce || !timestamp || !serial || !signature)
    return { ok: false, reason: 'Authorization field missing' };
  if (mchid !== check.expectedMchid) return { ok: false, reason: 'unknown mchid' };
  if (serial.toUpperCase() !== check.merchantSerial.toUpperCase())
    return { ok: false, reason: 'unknown merchant serial_no' };
  if (!/^\d{1,11}$/.test(timestamp)) return { ok: false, reason: 'timestamp must be Unix seconds' };
  if (Math.abs(check.nowSeconds - Number(timestamp)) > AUTHORIZATION_WINDOW_SECONDS) {
    return { ok: false, reason: 'timestamp outside the 5-minute window' };
  }
  const message = `${check.method}\n${check.pathWithQuery}\n${timestamp}\n${nonce}\n${check.rawBody}\n`;
  const valid = createVerify('RSA-SHA256').update(message).verify(check.merchantPublicKey, signature, 'base64');
  return valid ? { ok: true, mchid } : { ok: false, reason: 'signature does not verify' };
}
