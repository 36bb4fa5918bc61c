import type { PolicyStatus } from '../contracts/policy.contract.js';
import { assertTransition, canTransition, type StateMachine } from './state-machine.js';

/**
 * The life of a policy: issued `active`; `claimed` once a claim pays (flight or rain trigger, a
 * manual review approved, a HEAT37 season that earned something), `expired` when its cover ends
 * with nothing to pay, `cancelled` before its cover starts. All three are final.
 */
export const POLICY_STATUS_MACHINE: StateMachine<PolicyStatus> = {
  name: 'policy',
  states: ['active', 'claimed', 'expired', 'cancelled'],
  initial: ['active'],
  transitions: {
    active: ['claimed', 'expired', 'cancelled'],
    claimed: [],
    expired: [],
    cancelled: [],
  },
};

export const canPolicyTransition = (from: PolicyStatus, to: PolicyStatus): boolean =>
  canTransition(POLICY_STATUS_MACHINE, from, to);
export const assertPolicyTransition = (from: PolicyStatus, to: PolicyStatus): void =>
  assertTransition(POLICY_STATUS_MACHINE, from, to);
