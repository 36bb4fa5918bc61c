import type { CoverSubjectKind, Quote } from '@xiaoan/shared';
import { productKindOfCategory } from '../../products';
import { catalogStore } from '../catalog/hooks/catalog-store';
import { purchaseDraft } from './purchase-draft';

/** Which journey a purchase is on: it names the steps and picks the copy of the shared pages. */
export type PurchaseFlow = CoverSubjectKind;

export const purchaseFlowOf = (quote: Pick<Quote, 'subject'>): PurchaseFlow => quote.subject.kind;

/**
 * The flow of an order. The order names only its product, so this asks the draft it was placed
 * from, then the catalogue already loaded (no request), and falls back to the flight copy.
 */
export const purchaseFlowOfOrder = (orderId: string, productCode: string): PurchaseFlow => {
  const draft = purchaseDraft.get();
  if (draft && (draft.order?.id === orderId || draft.quote.productCode === productCode))
    return purchaseFlowOf(draft.quote);
  const catalog = catalogStore.getState();
  const product = catalog.status === 'success' ? catalog.products.find((item) => item.code === productCode) : undefined;
  return product ? productKindOfCategory(product.category).kind : 'flight';
};
