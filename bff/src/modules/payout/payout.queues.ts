/** pg-boss queues of the payout module. */
export const PAYOUT_QUEUES = {
  /**
   * Finish creating a transfer bill that WeChat answered 429 / 500 / NOT_ENOUGH to: same
   * out_bill_no, with back-off, logged for operators each time.
   */
  createBill: 'payout.create-bill',
  /** Look a bill up at WeChat (missed notification, 24 h expiry): its state is applied as if notified. */
  syncBill: 'payout.sync-bill',
  /**
   * Every 5 minutes: every bill still `CREATING` a while after its last try is looked up at WeChat
   * by its number; an existing bill's state is adopted, a missing one is created again (retryable
   * error, or none heard) or abandoned (refused as malformed) so the claim can be collected anew.
   */
  resolveCreating: 'payout.resolve-creating',
} as const;

/** A `CREATING` bill untouched this long has no 拆 in flight and may be resolved by the sweep. */
export const CREATING_SETTLE_MS = 2 * 60_000;

/** WeChat ends an unconfirmed bill after 24 h; look it up a little later if no notification came. */
export const BILL_SYNC_AFTER_MS = 24 * 3600_000 + 10 * 60_000;
