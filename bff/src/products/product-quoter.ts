import type { CoverSubjectKind, Quote } from '@xiaoan/shared';

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
  /** Validates the body against this kind's own request schema, then quotes it for the customer. */
  quote(customerId: string, body: unknown): Promise<Quote>;
}
