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
  REQUEST_TOO_LARGE: { httpStatus: 431, message: '请求地址或请求头过长' },
  URI_TOO_LONG: { httpStatus: 414, message: '请求地址过长' },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { httpStatus: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL_ERROR: { httpStatus: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { httpStatus: 503, message: '服务暂时不可用，请稍后再试' },
});

export const CATALOG_ERRORS = defineCodes({
  PRODUCT_NOT_FOUND: { httpStatus: 404, message: '该保险产品不存在或已下架' },
  PRODUCT_VERSION_NOT_FOUND: { httpStatus: 404, message: '该产品版本不存在' },
});

export const AUTH_ERRORS = defineCodes({
  LOGIN_CODE_INVALID: { httpStatus: 400, message: '登录凭证已失效，请重新进入小程序' },
  LOGIN_RATE_LIMITED: { httpStatus: 429, message: '登录太频繁，请稍后再试' },
  LOGIN_RISKY_USER: { httpStatus: 403, message: '当前微信账号存在风险，暂时无法登录' },
});

export const FLIGHT_ERRORS = defineCodes({
  FLIGHT_NOT_FOUND: { httpStatus: 404, message: '没有查到该航班，请核对航班号和日期' },
  FLIGHT_DATA_UNAVAILABLE: { httpStatus: 503, message: '航班信息暂时查询不到，请稍后再试' },
});

export const QUOTE_ERRORS = defineCodes({
  PRODUCT_NOT_ON_SALE: { httpStatus: 422, message: '该产品暂不可投保' },
  PAYOUT_TIER_INVALID: { httpStatus: 400, message: '请选择有效的保障档位' },
  SALE_WINDOW_NOT_OPEN: { httpStatus: 422, message: '起飞前30天内才可以投保，请稍后再来' },
  SALE_WINDOW_CLOSED: { httpStatus: 422, message: '距离起飞不足2小时，已停止投保' },
  FLIGHT_ALREADY_DELAYED: { httpStatus: 422, message: '该航班已发布延误信息，暂不可投保' },
  FLIGHT_ALREADY_DEPARTED: { httpStatus: 422, message: '该航班已起飞，无法投保' },
  FLIGHT_ALREADY_CANCELLED: { httpStatus: 422, message: '该航班已取消，无法投保' },
  FLIGHT_ALREADY_DIVERTED: { httpStatus: 422, message: '该航班已备降，无法投保' },
  FLIGHT_ALREADY_LANDED: { httpStatus: 422, message: '该航班已到达，无法投保' },
  FLIGHT_CAPACITY_REACHED: { httpStatus: 409, message: '该航班的保障名额已售罄' },
  DUPLICATE_INSURED_ON_FLIGHT: { httpStatus: 409, message: '该被保险人已投保此航班，同一航班限投一份' },
  /** A second order for the same insured and cover while the first still awaits payment (details: the order's id when it is the caller's own). */
  INSURED_ORDER_PENDING: {
    httpStatus: 409,
    message: '该被保险人已有一笔相同保障的待支付订单，请先完成支付，或在该订单关闭（下单30分钟后）后再投保',
  },
  PRICING_DECLINED: { httpStatus: 422, message: '该航班暂不支持投保' },
  PRODUCT_VERSION_SALES_STOPPED: { httpStatus: 422, message: '该产品当前版本已暂停销售，请稍后再试' },
  /** The version's running loss ratio crossed its guard and a repriced version replaced it: quote again. */
  PRODUCT_VERSION_REPRICED: { httpStatus: 422, message: '该产品已根据近期赔付情况调整价格，请稍后重新报价' },
  ROUTE_SALES_STOPPED: { httpStatus: 422, message: '受恶劣天气影响，该航线暂停投保' },
  QUOTE_NOT_FOUND: { httpStatus: 404, message: '报价不存在，请重新选择航班' },
  QUOTE_EXPIRED: { httpStatus: 410, message: '报价已过期，请重新报价' },
});

export const ORDER_ERRORS = defineCodes({
  ID_NUMBER_INVALID: { httpStatus: 400, message: '身份证号码不正确，请核对' },
  EXCLUSIONS_NOT_READ: { httpStatus: 422, message: '请先阅读并确认免责条款' },
  IDEMPOTENCY_KEY_REQUIRED: { httpStatus: 400, message: '请求缺少幂等键' },
  IDEMPOTENCY_KEY_REUSED: { httpStatus: 409, message: '该请求已提交过，内容不一致' },
  ORDER_NOT_FOUND: { httpStatus: 404, message: '订单不存在' },
  ORDER_PAYMENT_EXPIRED: { httpStatus: 410, message: '订单已超过支付时间，未扣款，请重新投保' },
  ORDER_NOT_PAYABLE: { httpStatus: 409, message: '该订单已支付或已关闭，无需再次支付' },
  PAYMENT_UNAVAILABLE: { httpStatus: 503, message: '支付服务暂时不可用，请稍后再试' },
});

export const PAYMENT_NOTIFY_ERRORS = defineCodes({
  NOTIFY_SIGNATURE_INVALID: { httpStatus: 401, message: '通知签名验证失败' },
  NOTIFY_TIMESTAMP_STALE: { httpStatus: 401, message: '通知时间戳超出允许范围' },
  NOTIFY_DECRYPT_FAILED: { httpStatus: 400, message: '通知内容解密失败' },
  NOTIFY_MISMATCH: { httpStatus: 400, message: '通知内容与订单不符' },
});

export const POLICY_ERRORS = defineCodes({
  POLICY_NOT_FOUND: { httpStatus: 404, message: '没有查到该保单，请核对保单号和被保险人姓名' },
  POLICY_CANCEL_AFTER_DEPARTURE: { httpStatus: 409, message: '航班已到计划起飞时间或已起飞，保障已开始，不能退保' },
  POLICY_CANCEL_FLIGHT_CLOSED: { httpStatus: 409, message: '航班已取消、备降或已有最终状态，将按条款处理，不能退保' },
  POLICY_CANCEL_AFTER_COVER_START: { httpStatus: 409, message: '保障已开始，不能退保' },
  POLICY_NOT_CANCELLABLE: { httpStatus: 409, message: '该保单已理赔或已到期，不能退保' },
});

export const CLAIM_ERRORS = defineCodes({
  CLAIM_NOT_FOUND: { httpStatus: 404, message: '没有找到这笔理赔' },
  CLAIM_NOT_COLLECTABLE: { httpStatus: 409, message: '这笔理赔款当前不可领取' },
  PAYOUT_BUSY: { httpStatus: 503, message: '领取的人太多了，请稍后再试' },
  FEED_SIGNATURE_INVALID: { httpStatus: 401, message: '数据推送签名验证失败' },
  FEED_TIMESTAMP_STALE: { httpStatus: 401, message: '数据推送时间戳超出允许范围' },
  PAYOUT_UNAVAILABLE: { httpStatus: 503, message: '理赔款暂时无法发放，请稍后再试' },
  CLAIM_NOT_IN_REVIEW: { httpStatus: 409, message: '这笔理赔不在人工审核中，可能已被处理' },
});

export const WEATHER_ERRORS = defineCodes({
  PLACE_NOT_FOUND: { httpStatus: 404, message: '暂不支持该城市或景区' },
  UNITS_INVALID: { httpStatus: 400, message: '每人可投保1至10份' },
  PERSONS_INVALID: { httpStatus: 400, message: '每单可保障1至10人' },
  SEASON_INVALID: { httpStatus: 400, message: '只能投保当季或下一季的高温保障' },
  HEAT_SEASON_OVER: { httpStatus: 422, message: '本季高温保障已停售，请投保下一季' },
  HEAT_NO_COVER_LEFT: { httpStatus: 422, message: '本季剩余天数不足等待期，已停止投保' },
  RAIN_SALE_CLOSED: { httpStatus: 422, message: '游玩日前一天20:00后停止投保，请选择其他日期' },
  VISIT_DATE_TOO_FAR: { httpStatus: 422, message: '只能投保30天内的游玩日期' },
  PLACE_CAPACITY_REACHED: { httpStatus: 409, message: '该城市（景区）本期保障名额已售罄' },
  DUPLICATE_INSURED_ON_PLACE: {
    httpStatus: 409,
    message: '该被保险人已投保过同一城市同一季（或同一景区同一天），不能重复投保',
  },
  WEATHER_HISTORY_INSUFFICIENT: { httpStatus: 422, message: '该地历史气象数据不足，暂不支持投保' },
  HEAT_PRICING_DECLINED: { httpStatus: 422, message: '该城市的高温保障暂无法合理定价，请选择其他城市' },
  WEATHER_READING_INVALID: { httpStatus: 400, message: '气象数据不合理，已拒收' },
});

/** The insured persons of an order (issue 13): who may be insured, and with which document. */
export const INSURED_ERRORS = defineCodes({
  DOCUMENT_NUMBER_INVALID: { httpStatus: 400, message: '证件号码格式不正确，请核对' },
  ID_TYPE_NOT_ACCEPTED: { httpStatus: 422, message: '该保障只接受居民身份证投保' },
  INSURED_NOT_ADULT: {
    httpStatus: 422,
    message: '为本人投保须年满18周岁；为未成年人投保请选择“为他人投保”并由监护人投保',
  },
  INSURED_COUNT_MISMATCH: { httpStatus: 400, message: '被保险人数与投保人数不一致，请逐一填写每位被保险人' },
  DUPLICATE_INSURED_IN_ORDER: { httpStatus: 400, message: '同一订单中被保险人不能重复' },
  SAVED_INSURED_NOT_FOUND: { httpStatus: 404, message: '常用被保险人不存在或已删除' },
  PHONE_CODE_INVALID: { httpStatus: 400, message: '获取手机号失败，请重试或手动填写' },
});

export const CONSENT_ERRORS = defineCodes({
  CONSENT_VERSION_OUTDATED: { httpStatus: 409, message: '协议内容已更新，请阅读最新版本后再同意' },
});

export const STAFF_ERRORS = defineCodes({
  STAFF_LOGIN_FAILED: { httpStatus: 401, message: '账号或密码错误' },
  STAFF_UNAUTHENTICATED: { httpStatus: 401, message: '员工登录已失效，请重新登录' },
  STAFF_ROLE_FORBIDDEN: { httpStatus: 403, message: '当前岗位无权进行此操作' },
  STAFF_PASSWORD_CHANGE_REQUIRED: { httpStatus: 403, message: '请先设置新密码再继续操作' },
  STAFF_CURRENT_PASSWORD_WRONG: { httpStatus: 400, message: '当前密码不正确' },
  STAFF_USER_NOT_FOUND: { httpStatus: 404, message: '没有找到该员工账号' },
  STAFF_USERNAME_TAKEN: { httpStatus: 409, message: '该账号已被使用，请换一个' },
  STAFF_SELF_LOCKOUT: { httpStatus: 409, message: '不能停用自己的账号或取消自己的管理员岗位' },
});

export const SUPPORT_ERRORS = defineCodes({
  CUSTOMER_NOT_FOUND: { httpStatus: 404, message: '没有找到该客户' },
  PAYOUT_NOT_REOFFERABLE: { httpStatus: 409, message: '这笔理赔款当前不需要重新发放' },
  PAYOUT_BILL_NOT_FINAL: { httpStatus: 409, message: '微信支付尚未确认上一笔转账已结束，暂不能重新发放' },
  PAYOUT_ALREADY_PAID: { httpStatus: 409, message: '微信支付显示这笔理赔款已到账，无需重新发放' },
  CS_PUSH_SIGNATURE_INVALID: { httpStatus: 401, message: '消息推送签名验证失败' },
  CS_PUSH_DECRYPT_FAILED: { httpStatus: 400, message: '消息推送内容解密失败' },
  CS_PUSH_NOT_CONFIGURED: { httpStatus: 503, message: '消息推送尚未配置' },
  SUPPORT_CONVERSATION_NOT_FOUND: { httpStatus: 404, message: '没有找到这个会话' },
  SUPPORT_REPLY_WINDOW_CLOSED: {
    httpStatus: 409,
    message: '用户最后一次发消息已超过回复时限，微信不再允许回复；如用户订阅过消息，可改发订阅消息',
  },
  SUPPORT_REPLY_QUOTA_USED: { httpStatus: 409, message: '本轮可回复的条数已用完，需等用户再次发消息后才能继续回复' },
  SUPPORT_FALLBACK_UNAVAILABLE: { httpStatus: 409, message: '用户没有订阅消息授权，暂时无法联系' },
  SUPPORT_FALLBACK_NOT_NEEDED: { httpStatus: 409, message: '回复时限内，请直接回复用户' },
  SUPPORT_ASSIGN_FORBIDDEN: { httpStatus: 403, message: '只有组长可以把会话分配给其他客服' },
  SUPPORT_ASSIGNEE_INVALID: { httpStatus: 400, message: '该客服账号不存在或已停用' },
  CANNED_REPLY_NOT_FOUND: { httpStatus: 404, message: '没有找到这条快捷回复' },
  CANNED_REPLY_NEEDS_CLAIM: { httpStatus: 422, message: '这条快捷回复需要先选择用户的一笔理赔' },
  COMPLAINT_NOT_FOUND: { httpStatus: 404, message: '没有找到这张投诉工单' },
  COMPLAINT_ALREADY_OPEN: { httpStatus: 409, message: '该会话已有处理中的投诉工单' },
  COMPLAINT_CLOSED: { httpStatus: 409, message: '该投诉已办结' },
  COMPLAINT_ALREADY_EXTENDED: { httpStatus: 409, message: '该投诉已延期过一次，不能再次延期' },
});

export const CAMPAIGN_ERRORS = defineCodes({
  CAMPAIGN_NOT_FOUND: { httpStatus: 404, message: '活动不存在' },
  CAMPAIGN_NOT_COMPLIANT: { httpStatus: 422, message: '活动未通过合规检查，请按提示修改' },
  CAMPAIGN_STATUS_CONFLICT: { httpStatus: 409, message: '活动当前状态不允许此操作' },
  CAMPAIGN_NONE_ACTIVE: { httpStatus: 404, message: '当前没有进行中的活动' },
  CAMPAIGN_REWARD_NOT_FOUND: { httpStatus: 404, message: '奖励记录不存在或已处理' },
  CAMPAIGN_REWARD_NOT_COLLECTABLE: { httpStatus: 409, message: '该奖励还不能领取（观察期未满、审核中或已领取）' },
  CAMPAIGN_POSTER_NOT_FOUND: { httpStatus: 404, message: '邀请海报不存在' },
});

export const ERROR_CODES = {
  ...COMMON_ERRORS,
  ...WEATHER_ERRORS,
  ...CATALOG_ERRORS,
  ...AUTH_ERRORS,
  ...FLIGHT_ERRORS,
  ...QUOTE_ERRORS,
  ...ORDER_ERRORS,
  ...PAYMENT_NOTIFY_ERRORS,
  ...POLICY_ERRORS,
  ...CLAIM_ERRORS,
  ...STAFF_ERRORS,
  ...CONSENT_ERRORS,
  ...INSURED_ERRORS,
  ...SUPPORT_ERRORS,
  ...CAMPAIGN_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);

export const httpStatusOf = (code: ErrorCode): number => ERROR_CODES[code].httpStatus;

export const messageOf = (code: ErrorCode): string => ERROR_CODES[code].message;
