import Taro from '@tarojs/taro';
import type { Order, Quote } from '@xiaoan/shared';

/**
 * The purchase in progress, handed from step to step (quote → insured form → pay). Kept in
 * storage so an H5 reload mid-purchase does not lose it; pages still check ids from their URL.
 */
export interface PurchaseDraft {
  /** The product version whose exclusions the buyer confirmed reading. */
  exclusionsReadVersion: string;
  quote: Quote;
  order: Order | null;
}

export const DRAFT_STORAGE_KEY = 'xiaoan.purchase';

/**
 * A draft this version can read. One stored by a version before quotes carried a tagged `subject`
 * (an update mid-purchase) is dropped, like a lost one: its pages send the buyer back to quote again.
 */
const isReadableDraft = (value: unknown): value is PurchaseDraft =>
  typeof (value as { quote?: { subject?: { kind?: unknown } } } | null)?.quote?.subject?.kind === 'string';

export const purchaseDraft = {
  get(): PurchaseDraft | null {
    try {
      const value: unknown = Taro.getStorageSync(DRAFT_STORAGE_KEY);
      return isReadableDraft(value) ? value : null;
    } catch {
      return null;
    }
  },
  startWithQuote(quote: Quote, exclusionsReadVersion: string): void {
    this.save({ quote, exclusionsReadVersion, order: null });
  },
  saveOrder(order: Order): void {
    const draft = this.get();
    if (draft) this.save({ ...draft, order });
  },
  save(draft: PurchaseDraft): void {
    try {
      Taro.setStorageSync(DRAFT_STORAGE_KEY, draft);
    } catch {
      // Storage full or unavailable: the next page falls back to the server.
    }
  },
};
