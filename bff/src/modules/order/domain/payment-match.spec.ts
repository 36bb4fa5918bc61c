import { describe, expect, it } from '@jest/globals';
import { paymentMismatches } from './payment-match.js';

const expected = { appid: 'wx1', mchid: '190', amountFen: 1200, openid: 'o_buyer' };
const paid = { appid: 'wx1', mchid: '190', payer: { openid: 'o_buyer' }, amount: { total: 1200, currency: 'CNY' } };

describe('paymentMismatches', () => {
  it('accepts a payment that agrees with its order on every fact', () => {
    expect(paymentMismatches(paid, expected)).toEqual([]);
  });

  it('names every fact that differs', () => {
    expect(paymentMismatches({ ...paid, amount: { total: 1300, currency: 'CNY' } }, expected)).toEqual(['amount']);
    expect(paymentMismatches({ ...paid, amount: { total: 1200, currency: 'USD' } }, expected)).toEqual(['currency']);
    expect(paymentMismatches({ ...paid, payer: { openid: 'o_other' } }, expected)).toEqual(['payer']);
    expect(paymentMismatches({ ...paid, appid: 'wx2', mchid: '191' }, expected)).toEqual(['appid', 'mchid']);
  });

  it('treats a missing payer, currency or amount as a mismatch, never as a pass', () => {
    const { payer: _payer, ...withoutPayer } = paid;
    expect(paymentMismatches(withoutPayer, expected)).toEqual(['payer']);
    expect(paymentMismatches({ ...paid, amount: { total: 1200 } }, expected)).toEqual(['currency']);
    const { amount: _amount, ...withoutAmount } = paid;
    expect(paymentMismatches(withoutAmount, expected)).toEqual(['amount', 'currency']);
  });
});
