import type { CoverSubjectKind, Order, Quote } from '@xiaoan/shared';
import { useEffect, useSyncExternalStore } from 'react';
import { productKindOfCategory, productKindUi, type ProductKindUi } from '../../products';
import { catalogStore } from '../catalog/hooks/catalog-store';
import { purchaseDraft } from './purchase-draft';

/** Which journey a purchase is on: it names the steps and picks the copy of the shared pages. */
export type PurchaseFlow = CoverSubjectKind;

/** What the shared purchase pages say that changes with the kind being bought. */
export type PurchaseWords = Pick<ProductKindUi, 'purchaseSteps' | 'resultCopy'>;

/**
 * The words for an order whose kind is not known yet (placed on another phone and opened before the
 * catalogue has loaded, or with it failing): true of every kind, naming none.
 */
const ANY_KIND: PurchaseWords = {
  purchaseSteps: ['选择保障', '确认报价', '填写信息', '支付'],
  resultCopy: {
    issued: '电子保单已生成，达到赔付条件将自动赔付',
    reminderOn: '已开启。达到赔付条件时，我们会第一时间通知您领取赔款。',
    reminderIntro: '赔款自动发放，开启提醒后到账时通知您。',
    again: '看看其他保障',
  },
};

export const purchaseFlowOf = (quote: Pick<Quote, 'subject'>): PurchaseFlow => quote.subject.kind;

/** The steps and result words of a flow, or words for any kind while it is not known. */
export const purchaseWordsOf = (flow: PurchaseFlow | null): PurchaseWords => (flow ? productKindUi(flow) : ANY_KIND);

/**
 * The flow of an order. The order names only its product, so this asks the draft it was placed
 * from, then the catalogue already loaded (no request); null when neither knows.
 */
export const purchaseFlowOfOrder = (orderId: string, productCode: string): PurchaseFlow | null => {
  const draft = purchaseDraft.get();
  if (draft && (draft.order?.id === orderId || draft.quote.productCode === productCode))
    return purchaseFlowOf(draft.quote);
  const catalog = catalogStore.getState();
  const product = catalog.status === 'success' ? catalog.products.find((item) => item.code === productCode) : undefined;
  return product ? productKindOfCategory(product.category).kind : null;
};

/**
 * `purchaseFlowOfOrder` for a page: when neither the draft nor the loaded catalogue knows the
 * order's product, the catalogue is loaded and the page drawn again once it says.
 */
export function usePurchaseFlowOfOrder(order: Pick<Order, 'id' | 'productCode'> | null): PurchaseFlow | null {
  useSyncExternalStore(catalogStore.subscribe, catalogStore.getState);
  const flow = order ? purchaseFlowOfOrder(order.id, order.productCode) : null;
  const unknown = order !== null && flow === null;
  useEffect(() => {
    if (unknown) void catalogStore.load();
  }, [unknown]);
  return flow;
}
