/**
 * The sales pages of the mini-program by the code its sales trail records (compliance.md row 2,
 * 可回溯), with the name a compliance reviewer knows them by and which parts of the product version
 * each one shows. The trail records `product:FD120`, `flight`, `quote`, …; older trails (and tests)
 * carry the page path, `packages/buy/product/index`. One table, so the replay never shows a raw code.
 */

/** The product version's own pages: immutable and versioned with it. */
export type ProductVersionSection = 'summary' | 'exclusions' | 'clauses';

export const PRODUCT_VERSION_SECTION_NAMES: Record<ProductVersionSection, string> = {
  summary: '产品页',
  exclusions: '免责说明',
  clauses: '保险条款',
};

export interface SalesPage {
  /** e.g. 产品页, 选择航班, 填写投保信息. */
  name: string;
  /** The parts of the product version shown on the page, word for word. */
  shows: ProductVersionSection[];
}

const SALES_PAGES: Record<string, SalesPage> = {
  product: { name: '产品页', shows: ['summary', 'exclusions', 'clauses'] },
  flight: { name: '选择航班', shows: [] },
  heat: { name: '选择城市和份数', shows: [] },
  rain: { name: '选择景区和日期', shows: [] },
  quote: { name: '保费报价', shows: [] },
  insured: { name: '填写投保信息', shows: [] },
  pay: { name: '确认支付', shows: [] },
  result: { name: '投保结果', shows: [] },
};

/** The page behind a trail entry's `page`; an unknown code is named as such, never echoed. */
export const salesPageOf = (page: string): SalesPage => {
  const trimmed = page.trim();
  const key = trimmed.startsWith('packages/buy/') ? (trimmed.split('/')[2] ?? '') : (trimmed.split(':')[0] ?? '');
  return SALES_PAGES[key] ?? { name: '其他页面', shows: [] };
};
