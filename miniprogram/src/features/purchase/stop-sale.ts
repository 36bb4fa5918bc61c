/**
 * How the quote step answers each refusal. The text the customer reads is the BFF's `message`
 * (the one catalogue); this only adds a headline, an icon and the sensible next step.
 */
export type QuoteRecovery = 'change_flight' | 'change_tier' | 'retry';

export interface QuoteRefusal {
  title: string;
  icon: string;
  recovery: QuoteRecovery;
}

const REFUSALS: Record<string, QuoteRefusal> = {
  SALE_WINDOW_NOT_OPEN: { title: '还没到投保时间', icon: '🗓️', recovery: 'change_flight' },
  SALE_WINDOW_CLOSED: { title: '该航班已停止投保', icon: '⏰', recovery: 'change_flight' },
  FLIGHT_ALREADY_DELAYED: { title: '该航班已发布延误', icon: '🕒', recovery: 'change_flight' },
  FLIGHT_ALREADY_DEPARTED: { title: '该航班已起飞', icon: '🛫', recovery: 'change_flight' },
  FLIGHT_ALREADY_CANCELLED: { title: '该航班已取消', icon: '🚫', recovery: 'change_flight' },
  FLIGHT_CAPACITY_REACHED: { title: '该航班保障名额已售罄', icon: '🎫', recovery: 'change_flight' },
  FLIGHT_NOT_FOUND: { title: '没有查到该航班', icon: '🔍', recovery: 'change_flight' },
  PRICING_DECLINED: { title: '该航班暂无法承保', icon: '📊', recovery: 'change_flight' },
  PRODUCT_NOT_ON_SALE: { title: '该产品暂停销售', icon: '⏸️', recovery: 'change_flight' },
  PAYOUT_TIER_INVALID: { title: '请重新选择保障档位', icon: '💡', recovery: 'change_tier' },
};

const FALLBACK: QuoteRefusal = { title: '暂时无法报价', icon: '!', recovery: 'retry' };

export const quoteRefusalOf = (code: string): QuoteRefusal => REFUSALS[code] ?? FALLBACK;
