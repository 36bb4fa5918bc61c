import type { PaymentMismatchProblem } from '@xiaoan/shared';

/** The facts of a confirmed payment that must agree with its order (WeChat's transaction shape). */
export interface PaidTransaction {
  appid: string;
  mchid: string;
  payer?: { openid: string } | undefined;
  amount?: { total: number; currency?: string | undefined } | undefined;
}

export interface ExpectedPayment {
  appid: string;
  mchid: string;
  amountFen: number;
  /** The openid of the customer who placed the order (the JSAPI payer). */
  openid: string;
}

/** Premiums are sold in yuan: anything else is not our payment. */
export const PAYMENT_CURRENCY = 'CNY';

/**
 * Where a payment disagrees with its order. Every fact is required: a missing amount, currency or
 * payer is a mismatch, never a pass (a transaction without `payer` must not skip the payer check).
 */
export const paymentMismatches = (
  transaction: PaidTransaction,
  expected: ExpectedPayment,
): PaymentMismatchProblem[] => {
  const problems: PaymentMismatchProblem[] = [];
  if (transaction.amount?.total !== expected.amountFen) problems.push('amount');
  if (transaction.amount?.currency !== PAYMENT_CURRENCY) problems.push('currency');
  if (!transaction.payer?.openid || transaction.payer.openid !== expected.openid) problems.push('payer');
  if (transaction.appid !== expected.appid) problems.push('appid');
  if (transaction.mchid !== expected.mchid) problems.push('mchid');
  return problems;
};
