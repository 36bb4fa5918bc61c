import type { CoverSubjectKind, Quote } from '@xiaoan/shared';
import type { ProductVersionCache, SellableVersion } from '../modules/catalog/product-version.cache.js';

/** A quote holds its price for 15 minutes, whatever the kind. */
export const QUOTE_TTL_MS = 15 * 60 * 1000;

/**
 * How one product kind quotes (`POST /v1/quotes`): a Nest provider in the kind's folder, listed in
 * `PRODUCT_QUOTERS` (`products/quoters.ts`). The quote module chooses it by the field the body names
 * and stores nothing itself: each kind checks, prices and writes its own quote row.
 */
export interface ProductQuoter<K extends CoverSubjectKind = CoverSubjectKind> {
  readonly kind: K;
  /** The body field that names this kind's subject (`flightNo`, `cityCode`, `spotCode`). */
  readonly subjectField: string;
  /**
   * Validates the body against this kind's own request schema, then quotes it for the customer.
   * `found`: what the caller already looked up for the body's product code (the quote controller
   * does, to choose the quoter), so that a request reads the catalogue once.
   */
  quote(customerId: string, body: unknown, found?: FoundVersion): Promise<Quote>;
}

/** A product code and its version on sale (null: none), as a caller looked them up. */
export interface FoundVersion {
  productCode: string;
  version: SellableVersion | null;
}

/** The version on sale of `productCode`: the one the caller found for that code, else looked up. */
export const versionOnSale = async (
  versions: ProductVersionCache,
  productCode: string,
  found: FoundVersion | undefined,
): Promise<SellableVersion | null> =>
  found?.productCode === productCode ? found.version : versions.currentFor(productCode);
