import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORDER_QUEUES } from '../../src/modules/order/order.queues.js';
import { ReconcileOrdersUseCase } from '../../src/modules/order/reconcile-orders.use-case.js';
import { FLIGHT_WATCH_QUEUE } from '../../src/modules/trigger/trigger.queues.js';
import { beijingDateIn } from '../support/customer.js';
import {
  addCustomer,
  addOrderFromQuote,
  openMedium,
  payAtWechat,
  quotersOf,
  settlementOf,
  snapshot,
  type Medium,
  type OrderOptions,
  type PendingOrder,
  type Quoters,
} from '../support/medium.js';

/**
 * ReconcileOrdersUseCase on a real PostgreSQL and the WeChat simulator over real HTTP: the safety
 * net under lost payment notifications. A payment WeChat Pay holds is settled exactly once, as its
 * notification would have been; an order that expired unpaid is closed at WeChat Pay, then here;
 * an order still payable is left alone.
 */
describe('ReconcileOrdersUseCase', () => {
  let medium: Medium;
  let quoters: Quoters;
  let reconcile: ReconcileOrdersUseCase;
  let day = 1;

  beforeAll(async () => {
    medium = await openMedium();
    quoters = quotersOf(medium);
    reconcile = new ReconcileOrdersUseCase(medium.unitOfWork, medium.adapters.gateway, settlementOf(medium));
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A flight order placed by its customer from a quote (notifications go nowhere: no PUBLIC_BASE_URL). */
  const flightOrder = async (options: OrderOptions = {}): Promise<PendingOrder> => {
    const customer = await addCustomer(medium.db);
    const quote = await quoters.flight.quote(customer.id, {
      productCode: 'FD120',
      flightNo: 'CA1501',
      flightDate: beijingDateIn((day += 1)),
      payoutTier: 20000,
    });
    return addOrderFromQuote(medium, customer, quote, options);
  };
  /** Everything reconciling may write about one order. */
  const stateOf = (order: PendingOrder) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(o) FROM orders o WHERE o.id = $1) AS order,
              (SELECT json_agg(p ORDER BY p.id) FROM policies p WHERE p.order_id = $1) AS policies,
              (SELECT json_agg(r ORDER BY r.id) FROM refunds r WHERE r.order_id = $1) AS refunds,
              (SELECT json_agg(m ORDER BY m.id) FROM payment_mismatches m WHERE m.order_id = $1) AS mismatches`,
      [order.id],
    );
  /** A run a minute and a second from now: every order placed so far is old enough to be queried. */
  const soon = () => new Date(Date.now() + 61_000);

  it('a payment whose notification never came is found at WeChat Pay and issued, exactly once', async () => {
    const order = await flightOrder();
    const paid = await payAtWechat(medium, order);
    expect(paid.trade_state).toBe('SUCCESS');
    const jobsBefore = medium.jobs.length;

    await expect(reconcile.execute(soon())).resolves.toEqual({ settled: 1, mismatched: 0, closed: 0 });

    const { rows } = await medium.db.query(
      `SELECT o.status, o.transaction_id,
              (SELECT json_agg(json_build_object('status', p.status, 'premium', p.premium_fen)) FROM policies p WHERE p.order_id = o.id) AS policies
         FROM orders o WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([
      {
        status: 'issued',
        transaction_id: paid.transaction_id,
        policies: [{ status: 'active', premium: order.amountFen }],
      },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: FLIGHT_WATCH_QUEUE, data: { flightId: expect.any(String) } },
    ]);
    const issued = await stateOf(order);

    // The next run finds nothing left to do for it, and changes nothing.
    await expect(reconcile.execute(soon())).resolves.toEqual({ settled: 0, mismatched: 0, closed: 0 });
    expect(await stateOf(order)).toBe(issued);
    expect(medium.jobs.length).toBe(jobsBefore + 1);
  });

  it('a payment found after its notification was settled changes nothing', async () => {
    const order = await flightOrder();
    const paid = await payAtWechat(medium, order);
    await expect(settlementOf(medium).execute(paid, 'notify-1')).resolves.toBe('issued');
    const issued = await stateOf(order);
    const jobsBefore = medium.jobs.length;

    await expect(reconcile.execute(soon())).resolves.toEqual({ settled: 0, mismatched: 0, closed: 0 });

    expect(await stateOf(order)).toBe(issued);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('an order that expired unpaid is closed at WeChat Pay, then here, so it can no longer be paid; one still payable is left alone', async () => {
    const expired = await flightOrder({ placedAt: new Date(Date.now() - 31 * 60_000) });
    const payable = await flightOrder();
    const stillPayable = await stateOf(payable);

    await expect(reconcile.execute(soon())).resolves.toEqual({ settled: 0, mismatched: 0, closed: 1 });

    const { rows } = await medium.db.query(`SELECT status FROM orders WHERE id = $1`, [expired.id]);
    expect(rows).toEqual([{ status: 'closed' }]);
    await expect(medium.adapters.gateway.queryOrder(expired.orderNo)).resolves.toMatchObject({
      trade_state: 'CLOSED',
    });
    await expect(payAtWechat(medium, expired)).rejects.toThrow('订单已关闭');
    expect(await stateOf(payable)).toBe(stillPayable);
    await expect(medium.adapters.gateway.queryOrder(payable.orderNo)).resolves.toMatchObject({
      trade_state: 'NOTPAY',
    });
  });

  it('a payment of another amount found at WeChat Pay issues nothing: a payment mismatch, and what was paid is refunded', async () => {
    const order = await flightOrder();
    await payAtWechat(medium, order, { total: order.amountFen - 1 });
    const jobsBefore = medium.jobs.length;

    await expect(reconcile.execute(soon())).resolves.toEqual({ settled: 0, mismatched: 1, closed: 0 });

    const { rows } = await medium.db.query(
      `SELECT o.status, (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies,
              (SELECT json_agg(r.amount_fen) FROM refunds r WHERE r.order_id = o.id) AS refunds
         FROM orders o WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([{ status: 'payment_mismatch', policies: 0, refunds: [order.amountFen - 1] }]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: ORDER_QUEUES.refund, data: { refundId: expect.any(String) } },
    ]);
    const mismatched = await stateOf(order);

    await expect(reconcile.execute(soon())).resolves.toEqual({ settled: 0, mismatched: 0, closed: 0 });
    expect(await stateOf(order)).toBe(mismatched);
  });
});
