/** pg-boss queues of the order module. */
export const ORDER_QUEUES = {
  /** Refund a paid order that could not be issued (capacity race, flight departed, duplicate insured). */
  refund: 'order.refund',
  /** Every minute: query unpaid orders (missed notifications) and close expired ones. */
  reconcile: 'order.reconcile',
} as const;

/** How long a customer has to pay an order. */
export const ORDER_PAYMENT_WINDOW_MS = 30 * 60 * 1000;
