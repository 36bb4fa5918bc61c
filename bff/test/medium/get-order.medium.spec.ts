import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { GetOrderUseCase } from '../../src/modules/order/get-order.use-case.js';
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
 * GetOrderUseCase on a real PostgreSQL and the WeChat simulator's prepay, on orders placed by
 * CreateOrderUseCase and settled by SettlePaidOrderUseCase: what the result page polls. An open
 * unpaid order carries the wx.requestPayment parameters of its prepay; an issued one its policy
 * number and no payment; a lapsed one no payment; another customer's order, or none, is
 * ORDER_NOT_FOUND. Reading changes nothing.
 */
describe('GetOrderUseCase', () => {
  let medium: Medium;
  let getOrder: GetOrderUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    getOrder = new GetOrderUseCase(
      medium.dataSource,
      new ProductVersionCache(medium.dataSource),
      medium.adapters.gateway,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const pendingOrder = async (placedAt?: Date) => {
    const flight = await addFlight(medium.db);
    return addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight.id,
      amountFen: 1500,
      placedAt,
    });
  };
  const prepayOf = async (orderId: string) =>
    (await medium.db.query<{ prepay_id: string }>(`SELECT prepay_id FROM orders WHERE id = $1`, [orderId])).rows[0]!
      .prepay_id;

  it('an open unpaid order answers with the payment parameters of its prepay', async () => {
    const order = await pendingOrder();

    const answer = await getOrder.execute(order.customer.id, order.id);

    expect(answer).toMatchObject({
      id: order.id,
      orderNo: order.orderNo,
      status: 'pending_payment',
      amountFen: 1500,
      productCode: 'FD120',
      productName: expect.any(String),
      policyNo: null,
      refundReason: null,
      payment: expect.objectContaining({ package: `prepay_id=${await prepayOf(order.id)}` }),
    });
  });

  it('an issued order answers with its policy number and no payment', async () => {
    const order = await pendingOrder();
    await expect(settlementOf(medium).execute(paymentOf(medium, order), null)).resolves.toBe('issued');
    const { rows } = await medium.db.query(`SELECT policy_no FROM policies WHERE order_id = $1`, [order.id]);

    await expect(getOrder.execute(order.customer.id, order.id)).resolves.toMatchObject({
      status: 'issued',
      policyNo: rows[0].policy_no,
      payment: null,
    });
  });

  it('an unpaid order past its payment time offers no payment', async () => {
    const order = await pendingOrder(new Date(Date.now() - 31 * 60_000));

    await expect(getOrder.execute(order.customer.id, order.id)).resolves.toMatchObject({
      status: 'pending_payment',
      payment: null,
    });
  });

  it("another customer's order, or one that does not exist, is ORDER_NOT_FOUND, and nothing changes", async () => {
    const mine = await pendingOrder();
    const theirs = await pendingOrder();
    const before = await snapshot(medium.db, `SELECT * FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [mine.id, theirs.id],
    ]);

    await expect(getOrder.execute(mine.customer.id, theirs.id)).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    await expect(getOrder.execute(mine.customer.id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });

    expect(
      await snapshot(medium.db, `SELECT * FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id`, [[mine.id, theirs.id]]),
    ).toBe(before);
  });
});
