import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ListOrdersUseCase, ORDER_EXPIRED_REASON } from '../../src/modules/order/list-orders.use-case.js';
import {
  addCustomer,
  addFlight,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Customer,
  type Medium,
} from '../support/medium.js';

/**
 * ListOrdersUseCase (我的订单) on a real PostgreSQL, on orders placed by CreateOrderUseCase and settled
 * by SettlePaidOrderUseCase: the customer's own orders only, newest first, each with what the list
 * shows of it: payable while it can be paid, its policy once issued, why it ended otherwise.
 * Reading changes nothing.
 */
describe('ListOrdersUseCase', () => {
  let medium: Medium;
  let listOrders: ListOrdersUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    listOrders = new ListOrdersUseCase(medium.dataSource, new ProductVersionCache(medium.dataSource));
  });
  afterAll(async () => {
    await medium?.close();
  });

  const flightOrder = async (customer: Customer, options: { insured: string; placedAt?: Date }) => {
    const flight = await addFlight(medium.db);
    return addPendingOrder(medium, customer, {
      productCode: 'FD120',
      flightId: flight.id,
      amountFen: 1200,
      ...options,
    });
  };

  it("lists the customer's own orders newest first: payable, lapsed, issued with its policy, and a mismatched payment with its reason", async () => {
    const customer = await addCustomer(medium.db);
    const lapsed = await flightOrder(customer, { insured: 'a', placedAt: new Date(Date.now() - 40 * 60_000) });
    const issued = await flightOrder(customer, { insured: 'b' });
    await expect(settlementOf(medium).execute(paymentOf(medium, issued), null)).resolves.toBe('issued');
    const mismatched = await flightOrder(customer, { insured: 'c' });
    await expect(
      settlementOf(medium).execute(
        paymentOf(medium, mismatched, {
          amount: { total: 1100, payer_total: 1100, currency: 'CNY', payer_currency: 'CNY' },
        }),
        null,
      ),
    ).resolves.toBe('mismatch');
    const open = await flightOrder(customer, { insured: 'd' });
    await flightOrder(await addCustomer(medium.db), { insured: 'e' });
    const { rows } = await medium.db.query(`SELECT policy_no FROM policies WHERE order_id = $1`, [issued.id]);
    const before = await snapshot(medium.db, `SELECT * FROM orders WHERE customer_id = $1 ORDER BY id`, [customer.id]);

    const orders = await listOrders.execute(customer.id);

    expect(orders.map((order) => order.id)).toEqual([open.id, mismatched.id, issued.id, lapsed.id]);
    expect(orders[0]).toMatchObject({
      orderNo: open.orderNo,
      status: 'pending_payment',
      amountFen: 1200,
      productCode: 'FD120',
      payable: true,
      policyNo: null,
      statusReason: null,
    });
    expect(orders[1]).toMatchObject({
      status: 'payment_mismatch',
      payable: false,
      policyNo: null,
      statusReason: expect.any(String),
    });
    expect(orders[2]).toMatchObject({
      status: 'issued',
      payable: false,
      policyNo: rows[0].policy_no,
      statusReason: null,
    });
    expect(orders[3]).toMatchObject({ status: 'pending_payment', payable: false, statusReason: ORDER_EXPIRED_REASON });
    expect(orders[0]!.subject).toEqual(expect.any(String));
    expect(await snapshot(medium.db, `SELECT * FROM orders WHERE customer_id = $1 ORDER BY id`, [customer.id])).toBe(
      before,
    );
  });

  it('an order stops being payable once its payment time has passed', async () => {
    const customer = await addCustomer(medium.db);
    const order = await flightOrder(customer, { insured: 'f' });
    const [listed] = await listOrders.execute(customer.id);

    const later = await listOrders.execute(customer.id, new Date(Date.parse(listed!.expiresAt) + 1000));

    expect(listed).toMatchObject({ id: order.id, payable: true, statusReason: null });
    expect(later).toEqual([{ ...listed, payable: false, statusReason: ORDER_EXPIRED_REASON }]);
  });

  it('a customer without orders has an empty list', async () => {
    await expect(listOrders.execute((await addCustomer(medium.db)).id)).resolves.toEqual([]);
  });
});
