/** Why a signed WeChat Pay message (callback or response) was refused. */
export type SignatureRejectionReason =
  | 'MISSING_HEADERS'
  /** WeChat's deliberate probe: the signature starts with WECHATPAY/SIGNTEST/. */
  | 'SIGNTEST_PROBE'
  | 'STALE_TIMESTAMP'
  | 'UNKNOWN_SERIAL'
  | 'BAD_SIGNATURE'
  | 'MALFORMED_BODY'
  | 'DECRYPT_FAILED';

/**
 * A callback that must not be trusted. The webhook answers it with a 4xx (WeChat then
 * retries a genuine one) and does nothing else.
 */
export class SignatureRejectedError extends Error {
  override readonly name = 'SignatureRejectedError';

  constructor(
    readonly reason: SignatureRejectionReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason}: ${message}`, options);
  }
}
