/**
 * What the caller should do after a failed WeChat Pay call:
 * - `retry_same`: retry later with identical parameters and the same out_trade_no /
 *   out_bill_no (SYSTEM_ERROR, BANK_ERROR, FREQUENCY_LIMITED after a back-off, NOT_ENOUGH
 *   once the operating account is topped up, network errors and timeouts);
 * - `fix_request`: retrying cannot help until the request or the configuration changes;
 * - `final`: the business object is in a terminal state (ORDER_CLOSED needs a new out_trade_no).
 */
export type WechatPayRetryClass = 'retry_same' | 'fix_request' | 'final';

const RETRY_SAME = new Set([
  'SYSTEM_ERROR',
  'BANK_ERROR',
  'FREQUENCY_LIMITED',
  'NOT_ENOUGH',
  'NETWORK_ERROR',
  'TIMEOUT',
  'RESPONSE_SIGNATURE_INVALID',
]);
const FIX_REQUEST = new Set([
  'PARAM_ERROR',
  'INVALID_REQUEST',
  'SIGN_ERROR',
  'NO_AUTH',
  'OUT_TRADE_NO_USED',
  'MCH_NOT_EXISTS',
]);
const FINAL = new Set([
  'ORDER_CLOSED',
  'ORDER_NOT_EXIST',
  'TRADE_ERROR',
  'RULE_LIMIT',
  'ORDER_PAID',
  'NOT_FOUND',
  'RESOURCE_NOT_EXISTS',
  'USER_ACCOUNT_ABNORMAL',
]);

export function retryClassOf(code: string, httpStatus: number): WechatPayRetryClass {
  if (RETRY_SAME.has(code)) return 'retry_same';
  if (FIX_REQUEST.has(code) || code.endsWith('_MISMATCH') || code.endsWith('_NOT_MATCH')) return 'fix_request';
  if (FINAL.has(code)) return 'final';
  return httpStatus >= 500 || httpStatus === 429 ? 'retry_same' : 'fix_request';
}

/** A failed WeChat Pay API call, carrying WeChat's own `code` and how to react to it. */
export class WechatPayError extends Error {
  override readonly name = 'WechatPayError';
  readonly retryClass: WechatPayRetryClass;

  constructor(
    /** WeChat's error code (PARAM_ERROR, …) or a local one: NETWORK_ERROR, TIMEOUT, RESPONSE_SIGNATURE_INVALID. */
    readonly code: string,
    message: string,
    /** HTTP status of WeChat's answer; 0 when none arrived. */
    readonly httpStatus: number,
    readonly detail?: unknown,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.retryClass = retryClassOf(code, httpStatus);
  }

  /** FREQUENCY_LIMITED asks for a back-off before the identical retry. */
  get suggestedBackoffMs(): number {
    return this.code === 'FREQUENCY_LIMITED' ? 1000 : this.retryClass === 'retry_same' ? 200 : 0;
  }
}
