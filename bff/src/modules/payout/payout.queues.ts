/** pg-boss queues of the payout module. */
export const PAYOUT_QUEUES = {
  /**
   * Finish creating a transfer bill that WeChat answered 429 / 500 / NOT_ENOUGH to: same
   * out_bill_no, with back-off, logged for operators each time.
   */
  createBill: 'payout.create-bill',
  /** Look a bill up at WeChat (missed notification, 24 h expiry): its state is applied as if notified. */
  syncBill: 'payout.sync-bill',
} as const;

/** WeChat ends an unconfirmed bill after 24 h; look it up a little later if no notification came. */
export const BILL_SYNC_AFTER_MS = 24 * 3600_000 + 10 * 60_000;
