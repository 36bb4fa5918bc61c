import type { OrderStatus } from '../contracts/order.contract.js';
import { assertTransition, canTransition, type StateMachine } from './state-machine.js';

/**
 * The life of an order (products.md "Buying"). A paid order is issued, or refunded when it can no
 * longer be (flight left, capacity gone, duplicate cover, paid after it was closed); a payment that
 * does not match its order is kept as `payment_mismatch` (refunded, the refund's own status says
 * so). An issued order is refunded when its policy is cancelled. `paid` is in the column's CHECK but
 * nothing writes it: issuing happens in the same transaction as the payment.
 */
export const ORDER_STATUS_MACHINE: StateMachine<OrderStatus> = {
  name: 'order',
  states: ['pending_payment', 'paid', 'issued', 'refunding', 'refunded', 'closed', 'payment_mismatch'],
  initial: ['pending_payment'],
  transitions: {
    pending_payment: ['issued', 'refunding', 'payment_mismatch', 'closed'],
    paid: [],
    // A payment reported after the order was closed unpaid is refunded (or kept as a mismatch).
    closed: ['refunding', 'payment_mismatch'],
    issued: ['refunding'],
    refunding: ['refunded'],
    refunded: [],
    payment_mismatch: [],
  },
};

export const canOrderTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  canTransition(ORDER_STATUS_MACHINE, from, to);
export const assertOrderTransition = (from: OrderStatus, to: OrderStatus): void =>
  assertTransition(ORDER_STATUS_MACHINE, from, to);
