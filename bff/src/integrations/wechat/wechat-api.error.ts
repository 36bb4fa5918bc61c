/** Same meaning as for WeChat Pay: retry identically, fix the request, or accept the outcome. */
export type WechatApiRetryClass = 'retry_same' | 'fix_request' | 'final';

/** -1 system busy; 45009/45011 rate limits (back off); 40001/42001 stale access token (refresh, then retry). */
const RETRY_SAME = new Set([-1, 45009, 45011, 40001, 42001]);
/**
 * 40029 invalid/used code and 40226 high-risk user need a new action by the user;
 * 43101 no subscription credit; 45015 outside the 48 h window; 45047 too many replies.
 */
const FINAL = new Set([40029, 40226, 43101, 45015, 45047, 40003]);

export function wechatApiRetryClassOf(errcode: number): WechatApiRetryClass {
  if (RETRY_SAME.has(errcode)) return 'retry_same';
  if (FINAL.has(errcode)) return 'final';
  return 'fix_request';
}

/** A failed api.weixin.qq.com call: WeChat's errcode (or a local NETWORK_ERROR/TIMEOUT) and how to react. */
export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  readonly retryClass: WechatApiRetryClass;

  constructor(
    /** WeChat's errcode as a string ("40029"), or NETWORK_ERROR / TIMEOUT / UNEXPECTED_RESPONSE. */
    readonly code: string,
    message: string,
    /** HTTP status; WeChat answers errors with 200. 0 when nothing arrived. */
    readonly httpStatus: number,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    const errcode = Number(code);
    this.retryClass = Number.isInteger(errcode)
      ? wechatApiRetryClassOf(errcode)
      : code === 'UNEXPECTED_RESPONSE'
        ? 'fix_request'
        : 'retry_same';
  }

  get errcode(): number | undefined {
    const n = Number(this.code);
    return Number.isInteger(n) ? n : undefined;
  }

  /** The access token was rejected: refresh it and retry once. */
  get isStaleAccessToken(): boolean {
    return this.code === '40001' || this.code === '42001';
  }
}
