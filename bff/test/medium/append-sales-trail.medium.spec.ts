import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SalesTrailEvent } from '@xiaoan/shared';
import { AppendSalesTrailUseCase } from '../../src/modules/order/append-sales-trail.use-case.js';
import { addCustomer, addFlight, addPendingOrder, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * AppendSalesTrailUseCase on a real PostgreSQL, on orders placed by CreateOrderUseCase: what the
 * buyer's app reports (payment started, its result) is appended to the trail of their own order,
 * as reported; another customer's order, or one that does not exist, is ORDER_NOT_FOUND and gains
 * nothing.
 */
describe('AppendSalesTrailUseCase', () => {
  let medium: Medium;
  let append: AppendSalesTrailUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    append = new AppendSalesTrailUseCase(medium.dataSource);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const pendingOrder = async () => {
    const flight = await addFlight(medium.db);
    return addPendingOrder(medium, await addCustomer(medium.db), { productCode: 'FD120', flightId: flight.id });
  };
  const trailOf = (orderId: string) =>
    snapshot(
      medium.db,
      `SELECT type, page, at, duration_ms, detail FROM sales_trail_events WHERE order_id = $1 ORDER BY at, id`,
      [orderId],
    );
  const events: SalesTrailEvent[] = [
    { type: 'payment_started', page: 'pages/pay/index', at: '2027-05-01T10:00:00.000+08:00' },
    {
      type: 'payment_result',
      page: 'pages/pay/index',
      at: '2027-05-01T10:00:07.500+08:00',
      durationMs: 7500,
      detail: 'requestPayment:ok',
    },
  ];

  it("appends the app's events to the customer's own order, as reported, after what placing it recorded", async () => {
    const order = await pendingOrder();
    const before = (
      await medium.db.query(`SELECT count(*)::int AS n FROM sales_trail_events WHERE order_id = $1`, [order.id])
    ).rows[0].n as number;

    await append.execute(order.customer.id, order.id, events);

    const { rows } = await medium.db.query(
      `SELECT type, page, at, duration_ms, detail FROM sales_trail_events WHERE order_id = $1 AND type LIKE 'payment_%' ORDER BY at`,
      [order.id],
    );
    expect(rows).toEqual([
      {
        type: 'payment_started',
        page: 'pages/pay/index',
        at: new Date('2027-05-01T02:00:00.000Z'),
        duration_ms: null,
        detail: null,
      },
      {
        type: 'payment_result',
        page: 'pages/pay/index',
        at: new Date('2027-05-01T02:00:07.500Z'),
        duration_ms: 7500,
        detail: 'requestPayment:ok',
      },
    ]);
    const { rows: count } = await medium.db.query(
      `SELECT count(*)::int AS n FROM sales_trail_events WHERE order_id = $1`,
      [order.id],
    );
    expect(count[0].n).toBe(before + 2);
  });

  it("another customer's order, or an order that does not exist, is ORDER_NOT_FOUND and gains nothing", async () => {
    const mine = await pendingOrder();
    const theirs = await pendingOrder();
    const before = [await trailOf(mine.id), await trailOf(theirs.id)];

    await expect(append.execute(mine.customer.id, theirs.id, events)).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
    await expect(
      append.execute(mine.customer.id, '00000000-0000-4000-8000-000000000000', events),
    ).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });

    expect([await trailOf(mine.id), await trailOf(theirs.id)]).toEqual(before);
  });
});
