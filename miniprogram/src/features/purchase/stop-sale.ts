/**
 * How a quote step answers each refusal. The text the customer reads is the BFF's `message`
 * (the one catalogue); this only adds a headline, an icon and the sensible next step.
 *
 * change_subject: pick another flight, city, spot, date or season (the page names the action);
 * change_tier: the choice on the same screen (tier, units, persons) needs changing; retry: ask again.
 */
export type QuoteRecovery = 'change_subject' | 'change_tier' | 'retry';

export interface QuoteRefusal {
  title: string;
  icon: string;
  recovery: QuoteRecovery;
}

const REFUSALS: Record<string, QuoteRefusal> = {
  SALE_WINDOW_NOT_OPEN: { title: '还没到投保时间', icon: '🗓️', recovery: 'change_subject' },
  SALE_WINDOW_CLOSED: { title: '该航班已停止投保', icon: '⏰', recovery: 'change_subject' },
  FLIGHT_ALREADY_DELAYED: { title: '该航班已发布延误', icon: '🕒', recovery: 'change_subject' },
  FLIGHT_ALREADY_DEPARTED: { title: '该航班已起飞', icon: '🛫', recovery: 'change_subject' },
  FLIGHT_ALREADY_CANCELLED: { title: '该航班已取消', icon: '🚫', recovery: 'change_subject' },
  FLIGHT_ALREADY_DIVERTED: { title: '该航班已备降', icon: '🚫', recovery: 'change_subject' },
  FLIGHT_ALREADY_LANDED: { title: '该航班已到达', icon: '🛬', recovery: 'change_subject' },
  FLIGHT_CAPACITY_REACHED: { title: '该航班保障名额已售罄', icon: '🎫', recovery: 'change_subject' },
  FLIGHT_NOT_FOUND: { title: '没有查到该航班', icon: '🔍', recovery: 'change_subject' },
  PRICING_DECLINED: { title: '该航班暂无法承保', icon: '📊', recovery: 'change_subject' },
  PRODUCT_NOT_ON_SALE: { title: '该产品暂停销售', icon: '⏸️', recovery: 'change_subject' },
  PAYOUT_TIER_INVALID: { title: '请重新选择保障档位', icon: '💡', recovery: 'change_tier' },
  // Weather cover (HEAT37, RAIN).
  PLACE_NOT_FOUND: { title: '暂不支持该地点', icon: '📍', recovery: 'change_subject' },
  UNITS_INVALID: { title: '请调整投保份数', icon: '🔢', recovery: 'change_tier' },
  PERSONS_INVALID: { title: '请调整保障人数', icon: '🔢', recovery: 'change_tier' },
  SEASON_INVALID: { title: '该季暂不可投保', icon: '🗓️', recovery: 'change_subject' },
  HEAT_SEASON_OVER: { title: '本季高温保障已停售', icon: '🌡️', recovery: 'change_subject' },
  HEAT_NO_COVER_LEFT: { title: '本季剩余天数不足', icon: '🌡️', recovery: 'change_subject' },
  RAIN_SALE_CLOSED: { title: '该日期已停止投保', icon: '⏰', recovery: 'change_subject' },
  VISIT_DATE_TOO_FAR: { title: '该日期暂不可投保', icon: '🗓️', recovery: 'change_subject' },
  PLACE_CAPACITY_REACHED: { title: '保障名额已售罄', icon: '🎫', recovery: 'change_subject' },
  WEATHER_HISTORY_INSUFFICIENT: { title: '该地暂无法承保', icon: '📊', recovery: 'change_subject' },
};

const FALLBACK: QuoteRefusal = { title: '暂时无法报价', icon: '!', recovery: 'retry' };

export const quoteRefusalOf = (code: string): QuoteRefusal => REFUSALS[code] ?? FALLBACK;
