/**
 * The one catalogue of error codes. The BFF maps a code to its HTTP status in a single
 * exception filter; the mini-program switches on `code` and shows `message` (Chinese,
 * written for the customer, never for the developer).
 *
 * Add a code here, never a free-text error elsewhere.
 */
export interface ErrorCodeSpec {
  readonly httpStatus: number;
  /** What the person in front of the screen is told. */
  readonly message: string;
}

const defineCodes = <T extends Record<string, ErrorCodeSpec>>(codes: T) => codes;

export const COMMON_ERRORS = defineCodes({
  VALIDATION_FAILED: { httpStatus: 400, message: '提交的信息有误，请检查后重试' },
  MALFORMED_BODY: { httpStatus: 400, message: '请求格式不正确' },
  UNAUTHENTICATED: { httpStatus: 401, message: '登录已失效，请重新登录' },
  FORBIDDEN: { httpStatus: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { httpStatus: 404, message: '没有找到相关内容' },
  ROUTE_NOT_FOUND: { httpStatus: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { httpStatus: 405, message: '不支持的请求方式' },
  CONFLICT: { httpStatus: 409, message: '操作冲突，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { httpStatus: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL_ERROR: { httpStatus: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { httpStatus: 503, message: '服务暂时不可用，请稍后再试' },
});

export const CATALOG_ERRORS = defineCodes({
  PRODUCT_NOT_FOUND: { httpStatus: 404, message: '该保险产品不存在或已下架' },
  PRODUCT_VERSION_NOT_FOUND: { httpStatus: 404, message: '该产品版本不存在' },
});

export const ERROR_CODES = {
  ...COMMON_ERRORS,
  ...CATALOG_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);

export const httpStatusOf = (code: ErrorCode): number => ERROR_CODES[code].httpStatus;

export const messageOf = (code: ErrorCode): string => ERROR_CODES[code].message;
