import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Order, StaffPaymentMismatchListResponse } from '@xiaoan/shared';
import { deliver, signedTransactionNotification } from '../../sim/notifications/signed-transaction-notification.js';
import type { PaymentAnomaly } from '../../sim/pay/pay-book.js';
import { ReconcileOrdersUseCase } from '../../src/modules/order/reconcile-orders.use-case.js';
import { beijingDateIn, newCustomer, type TestCustomer } from '../support/customer.js';
import { marketingStaff, staffSignIn } from '../support/staff.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from './claims.fixtures.js';

/**
 * A payment WeChat confirms (signed, genuine) that does not match its order: another amount, a
 * currency other than CNY, no payer or another payer. Money was received, so it is never left in
 * limbo: the evidence is kept, the order becomes `payment_mismatch`, what was paid goes back to
 * whoever paid it, WeChat is answered so it stops retrying, staff see it, and no policy is issued.
 */
describe('payments that do not match their order (HTTP, simulator, PostgreSQL)', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.db;
  });
  afterEach(() => testApp.sim.faults.clear());
  afterAll(async () => {
    await testApp.close();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db.query(sql, params)).rows[0].n);
  const prepayOf = (order: Order): string => order.payment!.package.slice('prepay_id='.length);
  const placeOrder = async (flightNo: string, days: number): Promise<{ customer: TestCustomer; order: Order }> => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo, flightDate: beijingDateIn(days) });
    const created = await customer.order(quote);
    expect(created.status).toBe(201);
    return { customer, order: created.body };
  };
  /** The simulator's refunds of an order, once settled at WeChat. */
  const refundsAtWechat = (orderNo: string) =>
    testApp.sim.ledger.of('refund').filter((entry) => entry.outTradeNo === orderNo);
  const settledRefund = (orderNo: string) =>
    waitFor(`refund of ${orderNo}`, async () => refundsAtWechat(orderNo).find((entry) => entry.status === 'SUCCESS'));

  /** Pays with the anomaly, waits for the BFF to mark the order, and checks the common outcome. */
  const payAndExpectMismatch = async (
    customer: TestCustomer,
    order: Order,
    anomaly: PaymentAnomaly,
    expected: { paidFen: number; payer: string },
  ) => {
    testApp.sim.pay(prepayOf(order), customer.openid, anomaly);
    const marked = await customer.waitForOrder(order.id, ['payment_mismatch'], 10_000);
    expect(marked.policyNo).toBeNull();
    expect(marked.refundReason).toContain('原路退回');
    const refund = await settledRefund(order.orderNo);
    // What was actually paid, back to whoever paid it.
    expect([refund.refund, refund.openid]).toEqual([expected.paidFen, expected.payer]);
    expect(refundsAtWechat(order.orderNo)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM policies WHERE order_id = $1`, [order.id])).toBe(0);
    // The notification was kept as evidence (not rolled back) and WeChat got its 2xx.
    expect(
      await count(`SELECT count(*) AS n FROM payment_notifications WHERE out_trade_no = $1 AND outcome = 'mismatch'`, [
        order.orderNo,
      ]),
    ).toBe(1);
    await waitFor(
      'the refund recorded',
      async () =>
        (await db.query(`SELECT r.status FROM refunds r WHERE r.order_id = $1`, [order.id])).rows[0]?.status ===
        'succeeded',
    );
    // The order stays marked as a mismatch (the customer and staff see why), never "issued".
    expect((await customer.api<Order>('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('payment_mismatch');
  };

  it('refunds a payment of another amount in full to its payer, answers WeChat 204 and lists it for support', async () => {
    const { customer, order } = await placeOrder('MU5183', 6);
    await payAndExpectMismatch(
      customer,
      order,
      { total: order.amountFen + 100 },
      { paidFen: order.amountFen + 100, payer: customer.openid },
    );

    // A redelivery of the same genuine, mismatching notification is answered 204 and changes nothing.
    const again = signedTransactionNotification(testApp.sim, {
      outTradeNo: order.orderNo,
      amountFen: order.amountFen + 100,
      openid: customer.openid,
    });
    expect((await deliver(testApp.baseUrl, again)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refundsAtWechat(order.orderNo)).toHaveLength(1);
    expect(
      await count(`SELECT count(*) AS n FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.id = $1`, [order.id]),
    ).toBe(1);

    const support = await staffSignIn(testApp, 'dev-support');
    const list = await support.api<StaffPaymentMismatchListResponse>('GET', '/api/v1/staff/payment-mismatches');
    expect(list.status).toBe(200);
    const item = list.body.items.find((entry) => entry.orderNo === order.orderNo);
    expect(item).toMatchObject({
      orderId: order.id,
      source: 'notification',
      problems: ['amount'],
      expectedFen: order.amountFen,
      paidFen: order.amountFen + 100,
      currency: 'CNY',
      payerMatches: true,
      refund: { amountFen: order.amountFen + 100, status: 'succeeded' },
    });
    expect(item!.transactionId).toMatch(/^4200/);
    // Audited like every staff route; other roles and outsiders are refused.
    expect(
      await count(
        `SELECT count(*) AS n FROM staff_audit_log WHERE username = 'dev-support' AND action = 'access' AND resource_id = 'GET /api/v1/staff/payment-mismatches'`,
      ),
    ).toBeGreaterThanOrEqual(1);
    const admin = await staffSignIn(testApp, 'dev-admin');
    expect((await admin.api('GET', '/api/v1/staff/payment-mismatches')).status).toBe(200);
    const marketing = await marketingStaff(testApp, 'mkt-mismatch-test');
    expect((await marketing.api('GET', '/api/v1/staff/payment-mismatches')).body.code).toBe('STAFF_ROLE_FORBIDDEN');
    expect((await fetch(`${testApp.baseUrl}/api/v1/staff/payment-mismatches`)).status).toBe(401);
    expect((await customer.api('GET', '/api/v1/staff/payment-mismatches')).status).toBe(401);
  });

  it('never issues a policy for a payment in another currency (USD): refunded, marked, listed', async () => {
    const { customer, order } = await placeOrder('CA1501', 7);
    await payAndExpectMismatch(
      customer,
      order,
      { currency: 'USD' },
      { paidFen: order.amountFen, payer: customer.openid },
    );
    const support = await staffSignIn(testApp, 'dev-support');
    const { body } = await support.api<StaffPaymentMismatchListResponse>('GET', '/api/v1/staff/payment-mismatches');
    expect(body.items.find((entry) => entry.orderNo === order.orderNo)).toMatchObject({
      problems: ['currency'],
      currency: 'USD',
    });
  });

  it('never issues a policy for a payment without a payer', async () => {
    const { customer, order } = await placeOrder('MU5137', 8);
    await payAndExpectMismatch(
      customer,
      order,
      { payerOpenid: null },
      { paidFen: order.amountFen, payer: customer.openid },
    );
    const support = await staffSignIn(testApp, 'dev-support');
    const { body } = await support.api<StaffPaymentMismatchListResponse>('GET', '/api/v1/staff/payment-mismatches');
    expect(body.items.find((entry) => entry.orderNo === order.orderNo)).toMatchObject({
      problems: ['payer'],
      payerMatches: false,
    });
  });

  it('refunds a payment made by someone else to that payer, not to the customer who ordered', async () => {
    const { customer, order } = await placeOrder('HO1251', 9);
    const stranger = 'o_stranger_paid_for_it_0001';
    await payAndExpectMismatch(
      customer,
      order,
      { payerOpenid: stranger },
      { paidFen: order.amountFen, payer: stranger },
    );
  });

  it('handles a mismatch found by the reconciliation query once, and stops querying the order', async () => {
    const { customer, order } = await placeOrder('3U8881', 10);
    testApp.sim.faults.setNotificationFault('drop', { times: 16 });
    testApp.sim.pay(prepayOf(order), customer.openid, { currency: 'USD', total: order.amountFen + 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await customer.api<Order>('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('pending_payment');

    const reconcile = testApp.app.get(ReconcileOrdersUseCase);
    const first = await reconcile.execute(new Date(), 0);
    expect(first.mismatched).toBe(1);
    expect((await customer.api<Order>('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('payment_mismatch');
    const refund = await settledRefund(order.orderNo);
    expect([refund.refund, refund.openid]).toEqual([order.amountFen + 1, customer.openid]);
    expect(await count(`SELECT count(*) AS n FROM policies WHERE order_id = $1`, [order.id])).toBe(0);

    // The next runs leave it alone: no endless retry, no second refund.
    const evidenceRows = await count(`SELECT count(*) AS n FROM payment_mismatches WHERE order_id = $1`, [order.id]);
    const second = await reconcile.execute(new Date(), 0);
    expect(second.mismatched).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM payment_mismatches WHERE order_id = $1`, [order.id])).toBe(
      evidenceRows,
    );
    expect(refundsAtWechat(order.orderNo)).toHaveLength(1);

    const support = await staffSignIn(testApp, 'dev-support');
    const { body } = await support.api<StaffPaymentMismatchListResponse>('GET', '/api/v1/staff/payment-mismatches');
    expect(body.items.find((entry) => entry.orderNo === order.orderNo)).toMatchObject({
      source: 'query',
      problems: ['amount', 'currency'],
      notificationId: null,
    });
  });
});
