import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Order, OrderListResponse } from '@xiaoan/shared';
import { ReconcileOrdersUseCase } from '../../src/modules/order/reconcile-orders.use-case.js';
import { beijingDateIn, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** 我的订单 and 继续支付, over real HTTP against the simulator's WeChat Pay. */
describe('my orders: unpaid ones can be paid later, on the same order', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.db;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const ordersOf = async (customer: TestCustomer) =>
    (await customer.api<OrderListResponse>('GET', '/api/v1/orders')).body.items;
  const resume = (customer: TestCustomer, orderId: string) =>
    customer.api<Order & { code?: string }>('POST', `/api/v1/orders/${orderId}/payment`);
  const paymentsOf = (orderNo: string) =>
    testApp.sim.ledger.of('payment').filter((entry) => entry.outTradeNo === orderNo);

  it('lists an unpaid order as 待支付 and pays it later through the same prepay, leaving one order and one payment', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'CA1501', flightDate: beijingDateIn(5) });
    const { body: created } = await customer.order(quote);
    // The customer leaves the pay page without paying.
    const [listed] = await ordersOf(customer);
    expect(listed).toMatchObject({
      id: created.id,
      status: 'pending_payment',
      payable: true,
      statusReason: null,
      productName: '航班延误险',
    });
    expect(listed!.subject).toMatch(/^CA1501 · \d+月\d+日$/);

    const resumed = await resume(customer, created.id);
    expect(resumed.status).toBe(200);
    expect(resumed.body.id).toBe(created.id);
    expect(resumed.body.payment?.package).toBe(created.payment?.package);
    customer.pay(resumed.body);
    const issued = await customer.waitForOrder(created.id, ['issued']);

    const after = await ordersOf(customer);
    expect(after).toEqual([
      expect.objectContaining({ id: created.id, status: 'issued', payable: false, policyNo: issued.policyNo }),
    ]);
    expect(paymentsOf(created.orderNo)).toHaveLength(1);
    expect((await resume(customer, created.id)).body.code).toBe('ORDER_NOT_PAYABLE');
  });

  it('places a new prepay for the same order when WeChat Pay was unavailable as it was made', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'MU5137', flightDate: beijingDateIn(6) });
    testApp.sim.faults.set('pay.jsapi', { kind: 'system_error' }, { times: 10 });
    const failed = await customer.order(quote);
    testApp.sim.faults.clear();
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('PAYMENT_UNAVAILABLE');

    const [pending] = await ordersOf(customer);
    expect(pending).toMatchObject({ status: 'pending_payment', payable: true });
    const resumed = await resume(customer, pending!.id);
    expect(resumed.status).toBe(200);
    expect(resumed.body.orderNo).toBe(pending!.orderNo);
    expect(resumed.body.payment?.package).toMatch(/^prepay_id=/);
    customer.pay(resumed.body);
    await customer.waitForOrder(pending!.id, ['issued']);
    expect(await ordersOf(customer)).toHaveLength(1);
    expect(paymentsOf(pending!.orderNo)).toHaveLength(1);
  });

  it('refuses to resume an order past its payment window, then shows it closed with the reason, having charged nothing', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: '3U8881', flightDate: beijingDateIn(7) });
    const { body: created } = await customer.order(quote);
    await db.query(
      `UPDATE orders SET expires_at = now() - interval '1 minute', created_at = now() - interval '31 minutes' WHERE id = $1`,
      [created.id],
    );

    const refused = await resume(customer, created.id);
    expect(refused.status).toBe(410);
    expect(refused.body.code).toBe('ORDER_PAYMENT_EXPIRED');
    expect((await ordersOf(customer))[0]).toMatchObject({
      status: 'pending_payment',
      payable: false,
      statusReason: '已超过支付时间，未扣款',
    });

    await testApp.app.get(ReconcileOrdersUseCase).execute(new Date(), 0);
    expect((await ordersOf(customer))[0]).toMatchObject({
      status: 'closed',
      payable: false,
      statusReason: '超时未支付，订单已关闭，未扣款',
    });
    expect(paymentsOf(created.orderNo)).toEqual([]);
  });

  it("never shows or resumes another customer's order", async () => {
    const owner = await newCustomer(testApp);
    const stranger = await newCustomer(testApp);
    const { body: created } = await owner.order(
      await owner.quote({ flightNo: 'CA1501', flightDate: beijingDateIn(8) }),
    );
    expect(await ordersOf(stranger)).toEqual([]);
    const refused = await resume(stranger, created.id);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('ORDER_NOT_FOUND');
  });
});
