/** Page paths in one place, so a moved page breaks the build rather than a tap. */
export const HOME_PAGE = '/pages/home/index';
export const POLICIES_PAGE = '/pages/policies/index';
export const ME_PAGE = '/pages/me/index';

export const productPageUrl = (code: string): string =>
  `/packages/buy/product/index?code=${encodeURIComponent(code)}`;
