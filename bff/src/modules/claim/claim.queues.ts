/** pg-boss queues of the claim module. */
export const CLAIM_QUEUES = {
  /** One job per settlement: the subscribe messages of every claim it approved. */
  notifyApproved: 'claim.notify-approved',
  /** Every minute: active policies past their cover end with no final flight status go to manual review. */
  openManualReviews: 'claim.open-manual-reviews',
} as const;
