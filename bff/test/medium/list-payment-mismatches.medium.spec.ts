import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ListPaymentMismatchesUseCase } from '../../src/modules/order/list-payment-mismatches.use-case.js';
import {
  addCustomer,
  addFlight,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Medium,
} from '../support/medium.js';

/**
 * ListPaymentMismatchesUseCase on a real PostgreSQL, the mismatches recorded by order settlement
 * (SettlePaidOrderUseCase) from WeChat's reports: support's money desk sees each payment that did
 * not match its order (another amount, another payer), newest first, with the refund settlement
 * opened for what was paid; an order paid as asked is not there. Reading changes nothing.
 */
describe('ListPaymentMismatchesUseCase', () => {
  let medium: Medium;
  let listMismatches: ListPaymentMismatchesUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    listMismatches = new ListPaymentMismatchesUseCase(medium.dataSource, new ProductVersionCache(medium.dataSource));
  });
  afterAll(async () => {
    await medium?.close();
  });

  const flightOrder = async () => {
    const flight = await addFlight(medium.db);
    return addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight.id,
      amountFen: 1200,
    });
  };

  it('lists each payment that did not match its order, newest first, with its refund; a matching payment is not listed', async () => {
    const underpaid = await flightOrder();
    const underpayment = paymentOf(medium, underpaid, {
      amount: { total: 1100, payer_total: 1100, currency: 'CNY', payer_currency: 'CNY' },
    });
    await expect(settlementOf(medium).execute(underpayment, 'notify-under')).resolves.toBe('mismatch');
    const otherPayer = await flightOrder();
    await expect(
      settlementOf(medium).execute(paymentOf(medium, otherPayer, { payer: { openid: 'o_someone_else' } }), null),
    ).resolves.toBe('mismatch');
    const paid = await flightOrder();
    await expect(settlementOf(medium).execute(paymentOf(medium, paid), null)).resolves.toBe('issued');
    const before = await snapshot(medium.db, `SELECT * FROM payment_mismatches ORDER BY id`);

    const listed = await listMismatches.execute(50);

    const mine = listed.filter((row) => [underpaid.id, otherPayer.id, paid.id].includes(row.orderId));
    expect(mine).toEqual([
      expect.objectContaining({
        orderId: otherPayer.id,
        orderNo: otherPayer.orderNo,
        problems: ['payer'],
        expectedFen: 1200,
        paidFen: 1200,
        payerMatches: false,
      }),
      {
        orderId: underpaid.id,
        orderNo: underpaid.orderNo,
        productName: expect.any(String),
        source: 'notification',
        problems: ['amount'],
        expectedFen: 1200,
        paidFen: 1100,
        currency: 'CNY',
        payerMatches: true,
        transactionId: underpayment.transaction_id,
        notificationId: 'notify-under',
        detectedAt: expect.any(String),
        refund: {
          refundNo: expect.any(String),
          amountFen: 1100,
          status: expect.any(String),
          reason: expect.any(String),
        },
      },
    ]);
    expect(await snapshot(medium.db, `SELECT * FROM payment_mismatches ORDER BY id`)).toBe(before);
  });

  it('answers at most the number asked for, the newest first', async () => {
    for (let i = 0; i < 2; i += 1) {
      const order = await flightOrder();
      await settlementOf(medium).execute(
        paymentOf(medium, order, { amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' } }),
        null,
      );
    }
    const all = await listMismatches.execute(50);

    await expect(listMismatches.execute(1)).resolves.toEqual(all.slice(0, 1));
  });
});
