import type { CoverSubjectKind, ProductTerms } from '@xiaoan/shared';
import { flightDelay } from './flight-delay/flight-delay.product.js';
import { heat } from './heat/heat.product.js';
import type { ProductKind } from './product-kind.js';
import { rain } from './rain/rain.product.js';

export type {
  DocumentRow,
  OrderLineRow,
  PlaceCover,
  PolicySubjectRow,
  ProductKind,
  TermsOf,
  TimelineEvent,
} from './product-kind.js';

/**
 * One entry per `subject.kind`: a kind added to the shared union without a folder here fails to
 * compile, and so does an entry whose object was written for another kind.
 */
export const PRODUCT_KINDS: { readonly [K in CoverSubjectKind]: ProductKind<K> } = {
  flight: flightDelay,
  heat,
  rain,
};

/** The kinds whose claims grow after they open, their evidence read alongside the row (HEAT37). */
export const GROWING_EVIDENCE_KINDS: readonly CoverSubjectKind[] = (
  Object.keys(PRODUCT_KINDS) as CoverSubjectKind[]
).filter((kind) => PRODUCT_KINDS[kind].evidenceGrows);

/** The product kind behind a subject or a claim's evidence. */
export const productKind = <K extends CoverSubjectKind>(kind: K): ProductKind<K> => PRODUCT_KINDS[kind];

// Each entry as the wide type (the conditional `TermsOf` makes the kind parameter invariant to the checker).
const BY_TERMS_KIND = new Map<ProductTerms['kind'], ProductKind>(
  (Object.values(PRODUCT_KINDS) as ProductKind[]).map((entry) => [entry.termsKind, entry]),
);

/** The product kind a version's terms sell (`flight_delay` terms sell the flight kind). */
export const productKindOfTerms = (terms: Pick<ProductTerms, 'kind'>): ProductKind => {
  const entry = BY_TERMS_KIND.get(terms.kind);
  if (!entry) throw new Error(`no product kind sells terms of kind ${terms.kind}`);
  return entry;
};
