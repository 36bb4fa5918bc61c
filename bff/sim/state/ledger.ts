/**
 * An append-only record of every money movement and message the simulator saw. It is
 * what tests use to prove "paid exactly once": a payment appears here once per
 * successful wx.requestPayment, a transfer once per confirmed bill, whatever the BFF
 * retried.
 */
export type LedgerEntry =
  | { kind: 'prepay'; at: number; prepayId: string; outTradeNo: string; total: number; openid: string }
  | {
      kind: 'payment';
      at: number;
      outTradeNo: string;
      transactionId: string;
      total: number;
      openid: string;
      currency?: string;
    }
  | { kind: 'order_closed'; at: number; outTradeNo: string }
  | {
      kind: 'refund';
      at: number;
      outRefundNo: string;
      refundId: string;
      outTradeNo: string;
      refund: number;
      status: string;
      openid?: string;
    }
  | {
      kind: 'transfer';
      at: number;
      outBillNo: string;
      transferBillNo: string;
      amount: number;
      openid: string;
      /** transfer_scene_id: 1004 for claims, 1000 for campaign prizes. */
      sceneId: string;
      state: string;
      failReason?: string;
    }
  | {
      kind: 'notification';
      at: number;
      notificationId: string;
      eventType: string;
      url: string;
      attempt: number;
      /** Unscaled delay before this attempt, in seconds, per the documented schedule. */
      scheduledDelaySeconds: number;
      outcome: 'delivered' | 'failed' | 'dropped' | 'abandoned';
      httpStatus?: number;
      signedWith?: string;
      fault?: string;
    }
  | { kind: 'access_token'; at: number; accessToken: string }
  | { kind: 'subscribe_message'; at: number; openid: string; templateId: string; data: unknown }
  | { kind: 'custom_message'; at: number; openid: string; msgtype: string; body: unknown }
  | {
      kind: 'cs_push';
      at: number;
      msgId: string;
      openid: string;
      attempt: number;
      mode: 'plain' | 'safe';
      httpStatus?: number;
      answer?: string;
    }
  | { kind: 'cs_url_check'; at: number; url: string; httpStatus?: number; passed: boolean };

export type LedgerKind = LedgerEntry['kind'];
export type LedgerEntryOf<K extends LedgerKind> = Extract<LedgerEntry, { kind: K }>;

export class Ledger {
  private readonly items: LedgerEntry[] = [];

  record(entry: LedgerEntry): void {
    this.items.push(entry);
  }

  all(): readonly LedgerEntry[] {
    return [...this.items];
  }

  of<K extends LedgerKind>(kind: K): LedgerEntryOf<K>[] {
    return this.items.filter((e): e is LedgerEntryOf<K> => e.kind === kind);
  }
}
