import type { ClaimStatus } from '../contracts/claim.contract.js';
import { assertTransition, canTransition, type StateMachine } from './state-machine.js';

/**
 * The life of a claim (products.md "Claims and payouts"). A claim is created `approved` by a rule
 * (a HEAT37 claim at 0, with its policy) or `manual_review` when a flight has no final status.
 * Its red packet moves it: offered while the transfer bill waits, `paid` on SUCCESS, `failed` on
 * FAIL, `expired` when the bill is cancelled (24 h unconfirmed). A failed or expired claim is still
 * collectable: the customer's next 拆 opens a new bill, which moves it like the first one, and
 * customer service may re-offer it (`approved` again); a bill that succeeds late pays whatever the
 * claim's status; a paid HEAT37 claim becomes `approved` again when a later hot day grows it, or
 * when a success paid only part of what it had earned. A HEAT37 claim still at 0 is `rejected`
 * when its policy is cancelled.
 */
export const CLAIM_STATUS_MACHINE: StateMachine<ClaimStatus> = {
  name: 'claim',
  states: ['approved', 'offered', 'paid', 'failed', 'expired', 'manual_review', 'rejected'],
  initial: ['approved', 'manual_review'],
  transitions: {
    manual_review: ['approved', 'rejected'],
    approved: ['offered', 'paid', 'failed', 'expired', 'rejected'],
    offered: ['approved', 'paid', 'failed', 'expired'],
    failed: ['approved', 'offered', 'paid', 'expired'],
    expired: ['approved', 'offered', 'paid', 'failed'],
    paid: ['approved'],
    rejected: [],
  },
};

export const canClaimTransition = (from: ClaimStatus, to: ClaimStatus): boolean =>
  canTransition(CLAIM_STATUS_MACHINE, from, to);
export const assertClaimTransition = (from: ClaimStatus, to: ClaimStatus): void =>
  assertTransition(CLAIM_STATUS_MACHINE, from, to);
