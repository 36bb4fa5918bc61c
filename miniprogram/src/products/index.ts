import { productCategorySchema, type CoverSubjectKind, type ProductCategory } from '@xiaoan/shared';
import { flightDelay } from './flight-delay';
import { heat } from './heat';
import { rain } from './rain';
import type { ProductKindUi } from './product-kind';

export type { CategoryMeta, ProductKindUi, InfoRow, SubjectLines } from './product-kind';

const ENTRIES = { flight: flightDelay, heat, rain };

/**
 * One entry per `subject.kind`: a kind added to the shared union without a folder here fails to
 * compile, and so does an entry whose object was written for another kind.
 */
export const PRODUCT_KINDS: { readonly [K in CoverSubjectKind]: ProductKindUi<K> } = ENTRIES;

type SoldBy<K extends CoverSubjectKind> = (typeof ENTRIES)[K]['category'];
type SoldTwice = {
  [K in CoverSubjectKind]: SoldBy<K> extends SoldBy<Exclude<CoverSubjectKind, K>> ? SoldBy<K> : never;
}[CoverSubjectKind];
type NeverOr<T extends never> = T;
/**
 * Compiles only while every catalogue category is sold by exactly one kind (each folder's
 * `category` keeps its literal type through `satisfies`): a category no folder sells, or one two
 * folders claim, is named in the error. `kindsByCategory` checks the same at run time. A folder that
 * annotates its object (`: ProductKindUi<'x'>`) instead of `satisfies` widens its category to all of
 * them and fails here as well, naming the other kinds' categories.
 */
export type CategoriesSoldOnce = NeverOr<Exclude<ProductCategory, SoldBy<CoverSubjectKind>> | SoldTwice>;

/**
 * The kind that sells each catalogue category. Throws on a category no kind sells or two kinds
 * claim, so a registry that breaks the rule fails when the app loads rather than on one screen.
 */
export const kindsByCategory = (kinds: readonly ProductKindUi[]): Record<ProductCategory, ProductKindUi> => {
  const byCategory = new Map<ProductCategory, ProductKindUi>();
  for (const ui of kinds) {
    const seller = byCategory.get(ui.category);
    if (seller) throw new Error(`category ${ui.category} is sold by both ${seller.kind} and ${ui.kind}`);
    byCategory.set(ui.category, ui);
  }
  const unsold = productCategorySchema.options.filter((category) => !byCategory.has(category));
  if (unsold.length > 0) throw new Error(`no product kind sells category ${unsold.join(', ')}`);
  return Object.fromEntries(byCategory) as Record<ProductCategory, ProductKindUi>;
};

/** The product kind behind a subject, evidence or flow. */
export const productKindUi = <K extends CoverSubjectKind>(kind: K): ProductKindUi<K> => PRODUCT_KINDS[kind];

const KIND_OF_CATEGORY = kindsByCategory((Object.keys(PRODUCT_KINDS) as CoverSubjectKind[]).map(productKindUi));

/** The kind a catalogue category sells (the catalogue names categories, quotes and policies kinds). */
export const productKindOfCategory = (category: ProductCategory): ProductKindUi => KIND_OF_CATEGORY[category];
