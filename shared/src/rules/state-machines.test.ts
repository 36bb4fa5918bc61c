import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimStatusSchema } from '../contracts/claim.contract.js';
import { orderStatusSchema } from '../contracts/order.contract.js';
import { policyStatusSchema } from '../contracts/policy.contract.js';
import { assertClaimTransition, canClaimTransition, CLAIM_STATUS_MACHINE } from './claim-status-machine.js';
import { assertOrderTransition, canOrderTransition, ORDER_STATUS_MACHINE } from './order-status-machine.js';
import { canPayoutBillTransition, PAYOUT_BILL_STATE_MACHINE } from './payout-bill-state-machine.js';
import { assertPolicyTransition, canPolicyTransition, POLICY_STATUS_MACHINE } from './policy-status-machine.js';
import { IllegalTransitionError, transitionPairs, type StateMachine } from './state-machine.js';

const machines: StateMachine<string>[] = [
  ORDER_STATUS_MACHINE,
  POLICY_STATUS_MACHINE,
  CLAIM_STATUS_MACHINE,
  PAYOUT_BILL_STATE_MACHINE,
];

test('every machine names each of its states once and moves only between its own states', () => {
  for (const machine of machines) {
    assert.equal(new Set(machine.states).size, machine.states.length, machine.name);
    assert.deepEqual(Object.keys(machine.transitions).sort(), [...machine.states].sort(), machine.name);
    for (const [from, to] of transitionPairs(machine)) {
      assert.ok(from === null || machine.states.includes(from), `${machine.name}: ${from}`);
      assert.ok(machine.states.includes(to), `${machine.name}: ${to}`);
      assert.notEqual(from, to, `${machine.name}: ${to} → itself is listed`);
    }
  }
});

test('the order, policy and claim machines know exactly the statuses the contracts publish', () => {
  assert.deepEqual([...ORDER_STATUS_MACHINE.states].sort(), [...orderStatusSchema.options].sort());
  assert.deepEqual([...POLICY_STATUS_MACHINE.states].sort(), [...policyStatusSchema.options].sort());
  assert.deepEqual([...CLAIM_STATUS_MACHINE.states].sort(), [...claimStatusSchema.options].sort());
});

test('an order is issued or refunded from payment, and a refunded or mismatched order never moves again', () => {
  assert.ok(canOrderTransition('pending_payment', 'issued'));
  assert.ok(canOrderTransition('closed', 'refunding'));
  assert.ok(canOrderTransition('issued', 'refunding'));
  assert.ok(canOrderTransition('refunding', 'refunded'));
  assert.ok(!canOrderTransition('closed', 'issued'));
  assert.ok(!canOrderTransition('refunded', 'issued'));
  assert.ok(!canOrderTransition('payment_mismatch', 'issued'));
  assert.ok(!canOrderTransition('issued', 'pending_payment'));
  assert.throws(() => assertOrderTransition('refunded', 'refunding'), IllegalTransitionError);
});

test('a claimed, expired or cancelled policy is final', () => {
  for (const to of ['claimed', 'expired', 'cancelled'] as const) assert.ok(canPolicyTransition('active', to));
  for (const from of ['claimed', 'expired', 'cancelled'] as const) {
    for (const to of POLICY_STATUS_MACHINE.states) {
      if (to !== from) assert.throws(() => assertPolicyTransition(from, to), /illegal policy transition/);
    }
  }
});

test('a claim in review is decided once, and a rejected claim is never paid', () => {
  assert.ok(canClaimTransition('manual_review', 'approved'));
  assert.ok(canClaimTransition('manual_review', 'rejected'));
  assert.ok(!canClaimTransition('manual_review', 'paid'));
  assert.ok(!canClaimTransition('rejected', 'approved'));
  assert.ok(!canClaimTransition('rejected', 'paid'));
  assert.ok(!canClaimTransition('approved', 'manual_review'));
  assert.throws(() => assertClaimTransition('paid', 'failed'), {
    name: 'IllegalTransitionError',
    message: 'illegal claim transition: paid → failed',
  });
});

test('a paid HEAT37 claim can grow again; a late success pays a failed or expired claim', () => {
  assert.ok(canClaimTransition('paid', 'approved'));
  assert.ok(canClaimTransition('failed', 'paid'));
  assert.ok(canClaimTransition('expired', 'paid'));
});

test('a final transfer bill never moves, except an abandoned one that WeChat paid after all', () => {
  for (const from of ['SUCCESS', 'FAIL', 'CANCELLED'] as const) {
    for (const to of PAYOUT_BILL_STATE_MACHINE.states)
      if (to !== from) assert.ok(!canPayoutBillTransition(from, to), `${from} → ${to}`);
  }
  assert.ok(canPayoutBillTransition('ABANDONED', 'SUCCESS'));
  assert.ok(!canPayoutBillTransition('ABANDONED', 'WAIT_USER_CONFIRM'));
  assert.ok(canPayoutBillTransition('CREATING', 'ABANDONED'));
  assert.ok(!canPayoutBillTransition('WAIT_USER_CONFIRM', 'ABANDONED'));
  assert.ok(!canPayoutBillTransition('WAIT_USER_CONFIRM', 'CREATING'));
});

test('staying in the same state is always allowed (a replayed update), and creation lists its states', () => {
  for (const machine of machines)
    for (const state of machine.states) assert.ok(machine.transitions[state] !== undefined);
  assert.ok(canClaimTransition('rejected', 'rejected'));
  assert.deepEqual(
    transitionPairs(POLICY_STATUS_MACHINE).filter(([from]) => from === null),
    [[null, 'active']],
  );
});
