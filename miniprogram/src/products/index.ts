import type { CoverSubjectKind, ProductCategory } from '@xiaoan/shared';
import { flightDelay } from './flight-delay';
import { heat } from './heat';
import { rain } from './rain';
import type { ProductKindUi } from './product-kind';

export type { ProductKindUi, InfoRow, SubjectLines } from './product-kind';

/**
 * One entry per `subject.kind`: a kind added to the shared union without a folder here fails to
 * compile, and so does an entry whose object was written for another kind.
 */
export const PRODUCT_KINDS: { readonly [K in CoverSubjectKind]: ProductKindUi<K> } = {
  flight: flightDelay,
  heat,
  rain,
};

/** The product kind behind a subject, evidence or flow. */
export const productKindUi = <K extends CoverSubjectKind>(kind: K): ProductKindUi<K> => PRODUCT_KINDS[kind];

/** The kind a catalogue category sells (the catalogue names categories, quotes and policies kinds). */
export const productKindOfCategory = (category: ProductCategory): ProductKindUi => {
  const kind = (Object.keys(PRODUCT_KINDS) as CoverSubjectKind[]).find((k) => PRODUCT_KINDS[k].category === category);
  if (!kind) throw new Error(`no product kind sells category ${category}`);
  return productKindUi(kind);
};
