import type { CoverSubjectKind } from '@xiaoan/shared';
import { flightDelay } from './flight-delay/flight-delay.product.js';
import { heat } from './heat/heat.product.js';
import type { ProductKind } from './product-kind.js';
import { rain } from './rain/rain.product.js';

export type { DocumentRow, ProductKind, TimelineEvent } from './product-kind.js';

/**
 * One entry per `subject.kind`: a kind added to the shared union without a folder here fails to
 * compile, and so does an entry whose object was written for another kind.
 */
export const PRODUCT_KINDS: { readonly [K in CoverSubjectKind]: ProductKind<K> } = {
  flight: flightDelay,
  heat,
  rain,
};

/** The product kind behind a subject or a claim's evidence. */
export const productKind = <K extends CoverSubjectKind>(kind: K): ProductKind<K> => PRODUCT_KINDS[kind];
