import { assertTransition, canTransition, type StateMachine } from './state-machine.js';

/** WeChat Pay transfer-bill states, plus `CREATING` (ours, before WeChat holds it) and `ABANDONED`. */
export type PayoutBillState =
  | 'CREATING'
  | 'ACCEPTED'
  | 'PROCESSING'
  | 'WAIT_USER_CONFIRM'
  | 'TRANSFERING'
  | 'SUCCESS'
  | 'FAIL'
  | 'CANCELING'
  | 'CANCELLED'
  | 'ABANDONED';

/** What WeChat may report for a bill it holds. */
const WECHAT_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;

const toAnyOtherWechatState = (from: PayoutBillState): PayoutBillState[] => WECHAT_STATES.filter((to) => to !== from);

/**
 * A transfer bill (one row of `payout_bills` per attempt). Until it is final, any state WeChat
 * reports is taken as it comes (a query may answer before a notification, so order is not
 * assumed); SUCCESS, FAIL and CANCELLED are sticky. A bill WeChat refused as malformed and does not
 * hold is `ABANDONED`, which only SUCCESS can leave (it was paid after all).
 */
export const PAYOUT_BILL_STATE_MACHINE: StateMachine<PayoutBillState> = {
  name: 'payout_bill',
  states: ['CREATING', ...WECHAT_STATES, 'ABANDONED'],
  initial: ['CREATING'],
  transitions: {
    CREATING: [...WECHAT_STATES, 'ABANDONED'],
    ACCEPTED: toAnyOtherWechatState('ACCEPTED'),
    PROCESSING: toAnyOtherWechatState('PROCESSING'),
    WAIT_USER_CONFIRM: toAnyOtherWechatState('WAIT_USER_CONFIRM'),
    TRANSFERING: toAnyOtherWechatState('TRANSFERING'),
    CANCELING: toAnyOtherWechatState('CANCELING'),
    SUCCESS: [],
    FAIL: [],
    CANCELLED: [],
    ABANDONED: ['SUCCESS'],
  },
};

export const canPayoutBillTransition = (from: PayoutBillState, to: PayoutBillState): boolean =>
  canTransition(PAYOUT_BILL_STATE_MACHINE, from, to);
export const assertPayoutBillTransition = (from: PayoutBillState, to: PayoutBillState): void =>
  assertTransition(PAYOUT_BILL_STATE_MACHINE, from, to);
