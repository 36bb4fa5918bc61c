/** Page paths in one place, so a moved page breaks the build rather than a tap. */
import { POLICY_VERIFY_PAGE } from '@xiaoan/shared';

export const HOME_PAGE = '/pages/home/index';
export const POLICIES_PAGE = '/pages/policies/index';
export const ME_PAGE = '/pages/me/index';

const withQuery = (path: string, query: Record<string, string>): string =>
  `${path}?${Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')}`;

export const productPageUrl = (code: string): string => withQuery('/packages/buy/product/index', { code });

/** `ack` is the product version whose exclusions the buyer confirmed reading. */
export const flightPageUrl = (code: string, ack: string): string =>
  withQuery('/packages/buy/flight/index', { code, ack });

/** HEAT37: pick a city and units, and get the quote on the same page. */
export const heatPageUrl = (code: string, ack: string): string => withQuery('/packages/buy/heat/index', { code, ack });

/** RAIN: pick a scenic spot, the visit date and persons, and get the quote on the same page. */
export const rainPageUrl = (code: string, ack: string): string => withQuery('/packages/buy/rain/index', { code, ack });

export const quotePageUrl = (q: { code: string; ack: string; flightNo: string; date: string }): string =>
  withQuery('/packages/buy/quote/index', q);

export const insuredPageUrl = (quoteId: string): string => withQuery('/packages/buy/insured/index', { quoteId });
export const payPageUrl = (orderId: string): string => withQuery('/packages/buy/pay/index', { orderId });
export const resultPageUrl = (orderId: string): string => withQuery('/packages/buy/result/index', { orderId });

export const policyDetailUrl = (policyNo: string): string => withQuery('/packages/policy/detail/index', { policyNo });
export const verifyPageUrl = (policyNo?: string): string =>
  policyNo ? withQuery(POLICY_VERIFY_PAGE, { policyNo }) : POLICY_VERIFY_PAGE;

/** 我的理赔, optionally only the claims of one policy (filtered on the phone). */
export const claimsPageUrl = (policyNo?: string): string =>
  policyNo ? withQuery('/packages/claims/list/index', { policyNo }) : '/packages/claims/list/index';
export const claimDetailUrl = (claimId: string): string => withQuery('/packages/claims/detail/index', { id: claimId });

/** 我的订单: unpaid, issued, refunded and closed orders. */
export const ORDERS_PAGE = '/packages/orders/list/index';

/** 常用被保险人: listed masked, deleted by the customer. */
export const SAVED_INSUREDS_PAGE = '/packages/insureds/list/index';

/** 隐私政策 (`privacy`) or 用户协议 (`terms`). */
export const legalPageUrl = (doc: 'privacy' | 'terms'): string => withQuery('/packages/legal/document/index', { doc });

/** 联系客服 in H5: the chat page, optionally about one policy or claim (its number). */
export const chatPageUrl = (from?: string): string =>
  from ? withQuery('/packages/support/chat/index', { from }) : '/packages/support/chat/index';

/** 常见问题 / 理赔说明. */
export const FAQ_PAGE = '/packages/support/faq/index';

/** 邀请好友: the live share-and-win campaign (rules first, my invites and rewards). */
export const CAMPAIGN_PAGE = '/packages/campaign/index/index';
