import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORDER_QUEUES } from '../../src/modules/order/order.queues.js';
import type { SettlePaidOrderUseCase } from '../../src/modules/order/settle-paid-order.use-case.js';
import { FLIGHT_WATCH_QUEUE } from '../../src/modules/trigger/trigger.queues.js';
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
 * SettlePaidOrderUseCase on a real PostgreSQL: a payment WeChat confirmed becomes a policy exactly
 * once, a payment that does not match its order issues nothing, and every refusal leaves the
 * order refunding with its reason.
 */
describe('SettlePaidOrderUseCase', () => {
  let medium: Medium;
  let settle: SettlePaidOrderUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    settle = settlementOf(medium);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** Everything a settlement may write about one order and its flight. */
  const stateOf = (order: PendingOrder) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(o) FROM orders o WHERE o.id = $1) AS order,
              (SELECT json_agg(p ORDER BY p.id) FROM policies p WHERE p.order_id = $1) AS policies,
              (SELECT json_agg(r ORDER BY r.id) FROM refunds r WHERE r.order_id = $1) AS refunds,
              (SELECT json_agg(m ORDER BY m.id) FROM payment_mismatches m WHERE m.order_id = $1) AS mismatches,
              (SELECT sold_sum_insured_fen FROM flights f JOIN orders o ON o.flight_id = f.id WHERE o.id = $1) AS sold`,
      [order.id],
    );
  const flightOrder = async (insured?: string, flightId?: string, placedAt?: Date) => {
    const flight = flightId ?? (await addFlight(medium.db)).id;
    return addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'FD120',
      flightId: flight,
      insured,
      placedAt,
    });
  };
  /** Over 30 minutes ago: its payment window has lapsed, so the same insured may order again (and the late payment still comes). */
  const lapsed = () => new Date(Date.now() - 31 * 60_000);

  it('a matching payment issues one active policy, settles the order, takes the flight capacity and starts watching the flight', async () => {
    const order = await flightOrder();
    const payment = paymentOf(medium, order);
    const jobsBefore = medium.jobs.length;

    await expect(settle.execute(payment, 'notify-1')).resolves.toBe('issued');

    const {
      rows: [row],
    } = await medium.db.query(
      `SELECT o.status, o.transaction_id, o.paid_at, f.sold_sum_insured_fen::int AS sold,
              (SELECT json_agg(json_build_object('status', p.status, 'payout', p.payout_fen, 'premium', p.premium_fen)) FROM policies p WHERE p.order_id = o.id) AS policies,
              (SELECT outcome FROM payment_notifications WHERE notification_id = 'notify-1') AS notification
         FROM orders o JOIN flights f ON f.id = o.flight_id WHERE o.id = $1`,
      [order.id],
    );
    expect(row).toEqual({
      status: 'issued',
      transaction_id: payment.transaction_id,
      paid_at: new Date(payment.success_time!),
      sold: order.payoutFen,
      policies: [{ status: 'active', payout: order.payoutFen, premium: order.amountFen }],
      notification: 'received',
    });
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: FLIGHT_WATCH_QUEUE, data: { flightId: expect.any(String) } },
    ]);
  });

  it('the same notification delivered again, or the same payment reported by a query, changes nothing', async () => {
    const order = await flightOrder();
    const payment = paymentOf(medium, order);
    await settle.execute(payment, 'notify-2');
    const settled = await stateOf(order);
    const jobsBefore = medium.jobs.length;

    await expect(settle.execute(payment, 'notify-2')).resolves.toBe('already_settled');
    await expect(settle.execute(payment, null)).resolves.toBe('already_settled');
    await expect(settle.execute(payment, 'notify-2-resent')).resolves.toBe('already_settled');

    expect(await stateOf(order)).toBe(settled);
    expect(medium.jobs.length).toBe(jobsBefore);
    const { rows } = await medium.db.query(
      `SELECT count(*)::int AS n FROM payment_notifications WHERE notification_id = 'notify-2'`,
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('a payment of another amount issues nothing and takes no capacity: the order is a payment mismatch and what was paid is refunded', async () => {
    const order = await flightOrder();
    const payment = paymentOf(medium, order, {
      amount: { total: order.amountFen - 1, payer_total: order.amountFen - 1, currency: 'CNY', payer_currency: 'CNY' },
    });

    await expect(settle.execute(payment, 'notify-3')).resolves.toBe('mismatch');

    const { rows } = await medium.db.query(
      `SELECT o.status, f.sold_sum_insured_fen::int AS sold,
              (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies,
              (SELECT json_agg(json_build_object('problems', m.problems, 'paid', m.paid_fen)) FROM payment_mismatches m WHERE m.order_id = o.id) AS mismatches,
              (SELECT json_agg(json_build_object('amount', r.amount_fen, 'total', r.total_fen)) FROM refunds r WHERE r.order_id = o.id) AS refunds,
              (SELECT outcome FROM payment_notifications WHERE notification_id = 'notify-3') AS notification
         FROM orders o JOIN flights f ON f.id = o.flight_id WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([
      {
        status: 'payment_mismatch',
        sold: 0,
        policies: 0,
        mismatches: [{ problems: ['amount'], paid: order.amountFen - 1 }],
        refunds: [{ amount: order.amountFen - 1, total: order.amountFen - 1 }],
        notification: 'mismatch',
      },
    ]);
    expect(medium.jobs.at(-1)).toEqual({ queue: ORDER_QUEUES.refund, data: { refundId: expect.any(String) } });
  });

  it('a mismatching report about an order already issued is answered and changes nothing', async () => {
    const order = await flightOrder();
    await settle.execute(paymentOf(medium, order), 'notify-4');
    const issued = await stateOf(order);
    const jobsBefore = medium.jobs.length;

    const wrongPayer = paymentOf(medium, order, { payer: { openid: 'o-someone-else' } });
    await expect(settle.execute(wrongPayer, 'notify-4-other')).resolves.toBe('already_settled');

    expect(await stateOf(order)).toBe(issued);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('a payment for an order nobody placed is refused and writes nothing', async () => {
    const order = await flightOrder();
    const before = await snapshot(medium.db, `SELECT count(*) FROM payment_notifications`);

    await expect(
      settle.execute({ ...paymentOf(medium, order), out_trade_no: 'O-nobody' }, 'notify-5'),
    ).rejects.toMatchObject({
      code: 'NOTIFY_MISMATCH',
    });

    expect(await snapshot(medium.db, `SELECT count(*) FROM payment_notifications`)).toBe(before);
  });

  it('a second insured order for the same person on the same flight is refunded with the reason, and the first policy stays', async () => {
    const flight = await addFlight(medium.db);
    const first = await flightOrder('same-person', flight.id, lapsed());
    const second = await flightOrder('same-person', flight.id);
    await settle.execute(paymentOf(medium, first), null);

    await expect(settle.execute(paymentOf(medium, second), null)).resolves.toBe('refunding');

    const { rows } = await medium.db.query(
      `SELECT o.id, o.status, o.refund_reason, (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies,
              (SELECT sum(amount_fen)::int FROM refunds r WHERE r.order_id = o.id) AS refunded
         FROM orders o WHERE o.id = ANY($1::uuid[]) ORDER BY o.created_at, o.id`,
      [[first.id, second.id]],
    );
    expect(rows.find((row) => row.id === first.id)).toMatchObject({ status: 'issued', policies: 1, refunded: null });
    expect(rows.find((row) => row.id === second.id)).toMatchObject({
      status: 'refunding',
      refund_reason: expect.stringContaining('同一航班限投一份'),
      policies: 0,
      refunded: second.amountFen,
    });
    const { rows: flightRows } = await medium.db.query(
      `SELECT sold_sum_insured_fen::int AS sold FROM flights WHERE id = $1`,
      [flight.id],
    );
    expect(flightRows).toEqual([{ sold: first.payoutFen }]);
  });

  it('when the flight capacity has run out the policy written for the order is withdrawn and the premium refunded', async () => {
    const flight = await addFlight(medium.db);
    const order = await flightOrder(undefined, flight.id);
    // Others' policies sold meanwhile: FD120 covers at most 60 000 yuan per flight, less room is left than this order's payout.
    await medium.db.query(`UPDATE flights SET sold_sum_insured_fen = 6000000 - 10000 WHERE id = $1`, [flight.id]);

    await expect(settle.execute(paymentOf(medium, order), null)).resolves.toBe('refunding');

    const { rows } = await medium.db.query(
      `SELECT o.status, o.refund_reason, f.sold_sum_insured_fen::int AS sold,
              (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies
         FROM orders o JOIN flights f ON f.id = o.flight_id WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([
      { status: 'refunding', refund_reason: expect.stringContaining('名额已售罄'), sold: 6000000 - 10000, policies: 0 },
    ]);
  });

  it('a flight that has departed takes no new cover: the order is refunded and no policy is left', async () => {
    const flight = await addFlight(medium.db);
    const order = await flightOrder(undefined, flight.id);
    await medium.db.query(`UPDATE flights SET status = 'departed' WHERE id = $1`, [flight.id]);

    await expect(settle.execute(paymentOf(medium, order), null)).resolves.toBe('refunding');

    const { rows } = await medium.db.query(
      `SELECT o.status, o.refund_reason, (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies
         FROM orders o WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([{ status: 'refunding', refund_reason: expect.stringContaining('已起飞'), policies: 0 }]);
  });

  it('a HEAT37 payment issues the season policy with its claim opened at 0', async () => {
    const order = await addPendingOrder(medium, await addCustomer(medium.db), {
      productCode: 'HEAT37',
      place: { code: 'wuhan', units: 2, coverEndDate: `${new Date().getUTCFullYear() + 1}-08-31` },
      payoutFen: 20000,
      amountFen: 900,
    });

    await expect(settle.execute(paymentOf(medium, order), null)).resolves.toBe('issued');

    const { rows } = await medium.db.query(
      `SELECT o.status, p.status AS policy, p.units, p.deductible_days, p.tick_fen, c.status AS claim, c.amount_fen,
              (SELECT sold FROM weather_capacity w WHERE w.place_code = 'wuhan' AND w.period = to_char(p.cover_end_date, 'YYYY')) AS sold
         FROM orders o JOIN policies p ON p.order_id = o.id LEFT JOIN claims c ON c.policy_id = p.id WHERE o.id = $1`,
      [order.id],
    );
    expect(rows).toEqual([
      {
        status: 'issued',
        policy: 'active',
        units: 2,
        deductible_days: 6,
        tick_fen: 1000,
        claim: expect.any(String),
        amount_fen: 0,
        sold: 2,
      },
    ]);
  });

  describe('RAIN', () => {
    /** A visit day well inside the sale window (sale closes at 20:00 Beijing the day before). */
    const visitDay = (inDays: number) => new Date(Date.now() + inDays * 86_400_000).toISOString().slice(0, 10);
    const rainOrder = async (spot: string, day: string, insured: string, units = 2, placedAt?: Date) =>
      addPendingOrder(medium, await addCustomer(medium.db), {
        productCode: 'RAIN',
        place: { code: spot, units, coverEndDate: day },
        insured,
        placedAt,
        amountFen: 300,
        payoutFen: 1000 * units,
      });
    const soldOn = async (spot: string, day: string) =>
      (await medium.db.query(`SELECT sold FROM weather_capacity WHERE place_code = $1 AND period = $2`, [spot, day]))
        .rows[0]?.sold ?? 0;

    it("a RAIN payment issues the visit day's policy and takes the spot's units for that day", async () => {
      const day = visitDay(10);
      const order = await rainOrder('xihu', day, 'rain-a', 3);

      await expect(settle.execute(paymentOf(medium, order), null)).resolves.toBe('issued');

      const { rows } = await medium.db.query(
        `SELECT o.status, p.status AS policy, p.units, to_char(p.cover_start_date, 'YYYY-MM-DD') AS start_date,
                to_char(p.cover_end_date, 'YYYY-MM-DD') AS end_date, p.tick_fen,
                (SELECT count(*)::int FROM claims c WHERE c.policy_id = p.id) AS claims
           FROM orders o JOIN policies p ON p.order_id = o.id WHERE o.id = $1`,
        [order.id],
      );
      expect(rows).toEqual([
        { status: 'issued', policy: 'active', units: 3, start_date: day, end_date: day, tick_fen: null, claims: 0 },
      ]);
      expect(await soldOn('xihu', day)).toBe(3);
    });

    it('a second RAIN order for the same insured, spot and day is refunded with the reason and takes no units', async () => {
      const day = visitDay(11);
      const first = await rainOrder('gugong', day, 'rain-b', 2, lapsed());
      const second = await rainOrder('gugong', day, 'rain-b');
      await settle.execute(paymentOf(medium, first), null);

      await expect(settle.execute(paymentOf(medium, second), null)).resolves.toBe('refunding');

      const { rows } = await medium.db.query(
        `SELECT o.status, o.refund_reason, (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies
           FROM orders o WHERE o.id = $1`,
        [second.id],
      );
      expect(rows).toEqual([
        { status: 'refunding', refund_reason: expect.stringContaining('同一景区同一天'), policies: 0 },
      ]);
      expect(await soldOn('gugong', day)).toBe(2);
    });

    it('a spot sold out for the day refunds the order, keeps no policy and never passes its capacity', async () => {
      const day = visitDay(12);
      const {
        rows: [spot],
      } = await medium.db.query<{ capacity: number }>(`SELECT capacity FROM weather_places WHERE code = 'waitan'`);
      // Every unit but one of the day already sold.
      await medium.db.query(`INSERT INTO weather_capacity (place_code, period, sold) VALUES ('waitan', $1, $2)`, [
        day,
        spot!.capacity - 1,
      ]);
      const order = await rainOrder('waitan', day, 'rain-c', 2);

      await expect(settle.execute(paymentOf(medium, order), null)).resolves.toBe('refunding');

      const { rows } = await medium.db.query(
        `SELECT o.status, o.refund_reason, (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies
           FROM orders o WHERE o.id = $1`,
        [order.id],
      );
      expect(rows).toEqual([
        { status: 'refunding', refund_reason: expect.stringContaining('名额已售罄'), policies: 0 },
      ]);
      expect(await soldOn('waitan', day)).toBe(spot!.capacity - 1);
    });
  });
});
