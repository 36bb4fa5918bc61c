/** HTTP status per WeChat Pay error code (wechat.md §6). */
const STATUS_BY_CODE: Record<string, number> = {
  PARAM_ERROR: 400,
  INVALID_REQUEST: 400,
  ORDER_CLOSED: 400,
  APPID_MCHID_NOT_MATCH: 400,
  SIGN_ERROR: 401,
  NO_AUTH: 403,
  NOT_ENOUGH: 403,
  OUT_TRADE_NO_USED: 403,
  RULE_LIMIT: 403,
  TRADE_ERROR: 403,
  ORDER_NOT_EXIST: 404,
  RESOURCE_NOT_EXISTS: 404,
  NOT_FOUND: 404,
  FREQUENCY_LIMITED: 429,
  SYSTEM_ERROR: 500,
  BANK_ERROR: 500,
};

/** A WeChat Pay error answer: `{code, message, detail?}` with the documented status. */
export class V3Error extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    message: string,
    readonly detail?: { field?: string; value?: unknown; issue?: string; location?: string },
  ) {
    super(message);
    this.status = STATUS_BY_CODE[code] ?? 400;
  }

  toBody(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export function paramError(field: string, issue: string, value?: unknown): V3Error {
  return new V3Error('PARAM_ERROR', `参数错误: ${field} ${issue}`, {
    field,
    issue,
    location: 'body',
    ...(value !== undefined ? { value } : {}),
  });
}
