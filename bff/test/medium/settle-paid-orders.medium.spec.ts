import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { SettlePaidOrdersUseCase } from '../../src/modules/order/settle-paid-orders.use-case.js';
import { IssuePolicyUseCase } from '../../src/modules/policy/issue-policy.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { FLIGHT_WATCH_QUEUE } from '../../src/modules/trigger/trigger.queues.js';
import {
  addCustomer,
  addFlight,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  type Medium,
  type PendingOrder,
} from '../support/medium.js';

/**
 * SettlePaidOrdersUseCase on a real PostgreSQL: payments submitted together are settled in one
 * group where they can be, and one by one where they cannot, with the same outcomes the single
 * path gives: one policy per paid order, the flight's cap held to the fen across the group, and
 * nothing issued twice when the same payment comes twice in a group.
 */
describe('SettlePaidOrdersUseCase', () => {
  let medium: Medium;
  let grouped: SettlePaidOrdersUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    grouped = new SettlePaidOrdersUseCase(
      medium.unitOfWork,
      new ProductVersionCache(medium.dataSource),
      settlementOf(medium),
      new IssuePolicyUseCase(new PolicyRepository()),
      medium.integrations,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const ordersOn = async (flightId: string, count: number): Promise<PendingOrder[]> => {
    const orders: PendingOrder[] = [];
    for (let i = 0; i < count; i += 1)
      orders.push(await addPendingOrder(medium, await addCustomer(medium.db), { productCode: 'FD120', flightId }));
    return orders;
  };
  const stateOf = async (orders: PendingOrder[]) =>
    (
      await medium.db.query<{ id: string; status: string; policies: number }>(
        `SELECT o.id, o.status, (SELECT count(*)::int FROM policies p WHERE p.order_id = o.id) AS policies
           FROM orders o WHERE o.id = ANY($1::uuid[])`,
        [orders.map((order) => order.id)],
      )
    ).rows.sort((a, b) => orders.findIndex((o) => o.id === a.id) - orders.findIndex((o) => o.id === b.id));
  const soldOn = async (flightId: string) =>
    (
      await medium.db.query<{ sold: number }>(`SELECT sold_sum_insured_fen::int AS sold FROM flights WHERE id = $1`, [
        flightId,
      ])
    ).rows[0]!.sold;

  it('payments submitted together each issue one policy, and the flight is watched once', async () => {
    const flight = await addFlight(medium.db);
    const orders = await ordersOn(flight.id, 4);
    const jobsBefore = medium.jobs.length;

    const outcomes = await Promise.all(
      orders.map((order, i) => grouped.submit(paymentOf(medium, order), `group-a-${i}`)),
    );

    expect(outcomes).toEqual(['issued', 'issued', 'issued', 'issued']);
    expect(await stateOf(orders)).toEqual(orders.map((order) => ({ id: order.id, status: 'issued', policies: 1 })));
    expect(await soldOn(flight.id)).toBe(4 * 20000);
    // Settled by one group statement, not one by one: they share its one `now`.
    const { rows } = await medium.db.query(
      `SELECT count(DISTINCT updated_at)::int AS n FROM orders WHERE id = ANY($1::uuid[])`,
      [orders.map((order) => order.id)],
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([{ queue: FLIGHT_WATCH_QUEUE, data: { flightId: flight.id } }]);
  });

  it('the same payment twice in one group issues one policy: one answer is issued, the other already settled', async () => {
    const flight = await addFlight(medium.db);
    const [order] = await ordersOn(flight.id, 1);
    const [other] = await ordersOn(flight.id, 1);

    const outcomes = await Promise.all([
      grouped.submit(paymentOf(medium, order!), 'group-b-1'),
      grouped.submit(paymentOf(medium, order!), 'group-b-1'),
      grouped.submit(paymentOf(medium, other!), 'group-b-2'),
    ]);

    expect(outcomes.slice(0, 2).sort()).toEqual(['already_settled', 'issued']);
    expect(outcomes[2]).toBe('issued');
    expect(await stateOf([order!, other!])).toEqual([
      { id: order!.id, status: 'issued', policies: 1 },
      { id: other!.id, status: 'issued', policies: 1 },
    ]);
    expect(await soldOn(flight.id)).toBe(2 * 20000);
  });

  it('in a group, a payment of the wrong amount issues nothing while the matching ones are issued', async () => {
    const flight = await addFlight(medium.db);
    const [good, wrong] = await ordersOn(flight.id, 2);

    const outcomes = await Promise.all([
      grouped.submit(paymentOf(medium, good!), null),
      grouped.submit(
        paymentOf(medium, wrong!, { amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' } }),
        null,
      ),
    ]);

    expect(outcomes).toEqual(['issued', 'mismatch']);
    expect(await stateOf([good!, wrong!])).toEqual([
      { id: good!.id, status: 'issued', policies: 1 },
      { id: wrong!.id, status: 'payment_mismatch', policies: 0 },
    ]);
    expect(await soldOn(flight.id)).toBe(20000);
  });

  it('the flight cap holds to the fen across a group: the orders past it are refunded and keep no policy', async () => {
    const flight = await addFlight(medium.db);
    // Room for exactly two more 200-yuan payouts under FD120's 60 000-yuan cap.
    await medium.db.query(`UPDATE flights SET sold_sum_insured_fen = 6000000 - 40000 WHERE id = $1`, [flight.id]);
    const orders = await ordersOn(flight.id, 4);

    const outcomes = await Promise.all(orders.map((order) => grouped.submit(paymentOf(medium, order), null)));

    expect(outcomes.filter((outcome) => outcome === 'issued')).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === 'refunding')).toHaveLength(2);
    const states = await stateOf(orders);
    expect(states.filter((state) => state.status === 'issued' && state.policies === 1)).toHaveLength(2);
    expect(states.filter((state) => state.status === 'refunding' && state.policies === 0)).toHaveLength(2);
    expect(await soldOn(flight.id)).toBe(6000000);
  });
});
