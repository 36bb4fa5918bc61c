import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { OrderPrepay } from '../../src/modules/order/order-prepay.js';
import { ResumeOrderPaymentUseCase } from '../../src/modules/order/resume-order-payment.use-case.js';
import {
  addCustomer,
  addFlight,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Medium,
  type PendingOrder,
} from '../support/medium.js';

/**
 * ResumeOrderPaymentUseCase (继续支付) on a real PostgreSQL and the WeChat simulator over real HTTP,
 * on orders placed by CreateOrderUseCase: a pending order hands out the prepay it has, never a
 * second JSAPI order; one whose JSAPI order could not be placed gets it now under the same
 * out_trade_no; an expired, paid or someone else's order is refused with its code and changes nothing.
 */
describe('ResumeOrderPaymentUseCase', () => {
  let medium: Medium;
  let resume: ResumeOrderPaymentUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    resume = new ResumeOrderPaymentUseCase(
      medium.dataSource,
      new ProductVersionCache(medium.dataSource),
      new OrderPrepay(medium.dataSource, medium.adapters.gateway),
    );
  });
  afterEach(() => medium.sim.faults.clear());
  afterAll(async () => {
    await medium?.close();
  });

  const customerOf = (order: Pick<PendingOrder, 'customer'>) => ({
    customerId: order.customer.id,
    openid: order.customer.openid,
  });
  const stateOf = (orderId: string) => snapshot(medium.db, `SELECT * FROM orders WHERE id = $1`, [orderId]);
  const prepayOf = async (orderId: string) =>
    (await medium.db.query<{ prepay_id: string | null }>(`SELECT prepay_id FROM orders WHERE id = $1`, [orderId]))
      .rows[0]!.prepay_id;
  /** The JSAPI orders WeChat placed under the order number (the simulator's ledger). */
  const placedAtWechat = (orderNo: string) =>
    medium.sim.ledger.of('prepay').filter((entry) => entry.outTradeNo === orderNo);

  it('a pending order hands out the prepay it has again: no second JSAPI order, nothing changed', async () => {
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight.id,
    });
    const prepayId = await prepayOf(order.id);
    expect(placedAtWechat(order.orderNo)).toHaveLength(1);
    const before = await stateOf(order.id);

    const resumed = await resume.execute(customerOf(order), order.id);
    const again = await resume.execute(customerOf(order), order.id);

    expect(resumed).toMatchObject({
      id: order.id,
      orderNo: order.orderNo,
      status: 'pending_payment',
      amountFen: order.amountFen,
      payment: { appId: medium.integrations.wechatPay.appid, package: `prepay_id=${prepayId}`, signType: 'RSA' },
    });
    expect(again.payment?.package).toBe(`prepay_id=${prepayId}`);
    expect(await stateOf(order.id)).toBe(before);
    expect(placedAtWechat(order.orderNo)).toHaveLength(1);
    // That prepay is the one the customer pays.
    medium.sim.pay(prepayId!, order.customer.openid);
    expect(medium.sim.ledger.of('payment').filter((entry) => entry.outTradeNo === order.orderNo)).toHaveLength(1);
  });

  it('an order whose JSAPI order WeChat Pay could not place gets one now, under the same number, once', async () => {
    const flight = await addFlight(medium.db);
    const customer = await addCustomer(medium.db);
    medium.sim.faults.set('pay.jsapi', { kind: 'system_error' });
    await expect(
      addPendingOrder(medium, customer, { productCode: 'FD120', flightId: flight.id }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_UNAVAILABLE',
    });
    medium.sim.faults.clear();
    const { rows } = await medium.db.query<{ id: string; order_no: string; prepay_id: string | null; status: string }>(
      `SELECT id, order_no, prepay_id, status FROM orders WHERE customer_id = $1`,
      [customer.id],
    );
    expect(rows).toEqual([
      { id: expect.any(String), order_no: expect.any(String), prepay_id: null, status: 'pending_payment' },
    ]);
    const order = rows[0]!;
    expect(placedAtWechat(order.order_no)).toEqual([]);

    const resumed = await resume.execute({ customerId: customer.id, openid: customer.openid }, order.id);

    const placed = placedAtWechat(order.order_no);
    expect(placed).toEqual([expect.objectContaining({ outTradeNo: order.order_no, openid: customer.openid })]);
    expect(await prepayOf(order.id)).toBe(placed[0]!.prepayId);
    expect(resumed).toMatchObject({
      id: order.id,
      orderNo: order.order_no,
      payment: { package: `prepay_id=${placed[0]!.prepayId}` },
    });
    const once = await stateOf(order.id);

    const again = await resume.execute({ customerId: customer.id, openid: customer.openid }, order.id);

    expect(again.payment?.package).toBe(`prepay_id=${placed[0]!.prepayId}`);
    expect(placedAtWechat(order.order_no)).toHaveLength(1);
    expect(await stateOf(order.id)).toBe(once);
  });

  it('an order past its 30 minutes is refused as expired, and nothing changes', async () => {
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight.id,
      placedAt: new Date(Date.now() - 31 * 60_000),
    });
    const before = await stateOf(order.id);

    await expect(resume.execute(customerOf(order), order.id)).rejects.toMatchObject({ code: 'ORDER_PAYMENT_EXPIRED' });

    expect(await stateOf(order.id)).toBe(before);
    expect(placedAtWechat(order.orderNo)).toHaveLength(1);
  });

  it('a paid order is not payable again, and nothing changes', async () => {
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight.id,
    });
    await expect(settlementOf(medium).execute(paymentOf(medium, order), null)).resolves.toBe('issued');
    const before = await stateOf(order.id);

    await expect(resume.execute(customerOf(order), order.id)).rejects.toMatchObject({ code: 'ORDER_NOT_PAYABLE' });

    expect(await stateOf(order.id)).toBe(before);
    expect(placedAtWechat(order.orderNo)).toHaveLength(1);
  });

  it("another customer's order is not found, and nothing changes", async () => {
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight.id,
    });
    const stranger = await addCustomer(medium.db);
    const before = await stateOf(order.id);

    await expect(resume.execute({ customerId: stranger.id, openid: stranger.openid }, order.id)).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });

    expect(await stateOf(order.id)).toBe(before);
    expect(placedAtWechat(order.orderNo)).toHaveLength(1);
  });
});
