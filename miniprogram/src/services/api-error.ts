import { errorEnvelopeSchema, messageOf, type ErrorCode } from '@xiaoan/shared';

/** Failures that never reach the BFF's error catalogue: they happen on the phone. */
export type ClientErrorCode =
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  /** H5 outside development: only the WeChat client can log in, pay or subscribe. */
  | 'WECHAT_REQUIRED'
  | 'LOGIN_FAILED'
  | 'PAYMENT_FAILED'
  | 'SUBSCRIBE_FAILED'
  /** The weapp's base library predates wx.requestMerchantTransfer (3.3.0). */
  | 'WECHAT_UPGRADE_REQUIRED'
  /** wx.requestMerchantTransfer failed for a reason other than the user closing it. */
  | 'TRANSFER_FAILED'
  /** The e-policy PDF came back but the phone or browser could not show it. */
  | 'DOCUMENT_OPEN_FAILED';

export const CLIENT_ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络不给力，请检查网络后重试',
  INVALID_RESPONSE: '服务返回的数据有误，请稍后再试',
  WECHAT_REQUIRED: '请在微信中打开小安保险小程序完成此操作',
  LOGIN_FAILED: '微信登录失败，请稍后重试',
  PAYMENT_FAILED: '支付未完成，请稍后重试',
  SUBSCRIBE_FAILED: '提醒设置失败，请稍后重试',
  WECHAT_UPGRADE_REQUIRED: '当前微信版本过低，请升级到最新版本后再领取赔款',
  TRANSFER_FAILED: '领取未完成，请稍后重试',
  DOCUMENT_OPEN_FAILED: '电子保单暂时打不开，请稍后重试',
};

export interface ApiErrorInit {
  /** A code from the shared catalogue, a client code, or a newer server code this build does not know yet. */
  code: ErrorCode | ClientErrorCode | (string & {});
  /** Chinese, written for the customer: show it as is. */
  message: string;
  /** The BFF's request id, for customer service; empty when the request never got an answer. */
  requestId: string;
  /** HTTP status; 0 when there was no HTTP answer. */
  status: number;
  details?: unknown;
}

/**
 * Every failed API call rejects with this. Screens switch on `code` and show `message`;
 * they never parse message text.
 */
export class ApiError extends Error {
  readonly code: ApiErrorInit['code'];
  readonly requestId: string;
  readonly status: number;
  readonly details: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.requestId = init.requestId;
    this.status = init.status;
    this.details = init.details;
  }

  static client(code: ClientErrorCode, status = 0, requestId = ''): ApiError {
    return new ApiError({ code, message: CLIENT_ERROR_MESSAGES[code], requestId, status });
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

/**
 * Whether asking again can help: no answer, a server or gateway failure, or "too many requests".
 * A 4xx answer (not found, not yours, no longer possible) will be the same next time: the screen
 * offers 返回 instead of a pointless 重试.
 */
export const isRetryable = (error: ApiError): boolean =>
  error.status === 0
    ? error.code !== 'WECHAT_REQUIRED'
    : error.status >= 500 || error.status === 429 || error.status === 408;

/**
 * The error for a non-2xx answer: the BFF's envelope when `body` is one, else a generic error by
 * status (a proxy, a gateway or a crash in front of the BFF). `requestId` is the answer's
 * `X-Request-Id` header, used when there is no envelope.
 */
export const apiErrorOfAnswer = (status: number, body: unknown, requestId: string): ApiError => {
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success) return new ApiError({ ...envelope.data, status });
  const code: ErrorCode = status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR';
  return new ApiError({ code, message: messageOf(code), requestId, status });
};
