import { randomBytes } from 'node:crypto';
import { beijingDateOf } from '@xiaoan/shared';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';

/** A pg Client or Pool. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface FixtureFlight {
  id: string;
  flightNo: string;
  flightDate: string;
  scheduledDeparture: Date;
  scheduledArrival: Date;
}

/**
 * A flight of our own (not in the simulator's timetable, so only pushed events move it), departing
 * `departsInHours` from now unless given: for tests and benchmarks that need many insured flights.
 */
export const insertFlight = async (
  db: Queryable,
  options: { flightNo?: string; flightDate?: string; scheduledDeparture?: Date; blockMinutes?: number } = {},
): Promise<FixtureFlight> => {
  const flightNo =
    options.flightNo ??
    `Q${'ABCDEFGHJKLMNPRSTUVWXYZ'[Math.floor(Math.random() * 23)]}${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
  const scheduledDeparture = options.scheduledDeparture ?? new Date(Date.now() + 24 * 3600_000);
  const scheduledArrival = new Date(scheduledDeparture.getTime() + (options.blockMinutes ?? 125) * 60_000);
  const flightDate = options.flightDate ?? beijingDateOf(scheduledDeparture);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO flights (flight_no, flight_date, carrier_code, carrier_name, origin, destination, scheduled_departure, scheduled_arrival, status)
     VALUES ($1, $2, $5, '测试航空', '{"code":"PEK","name":"北京首都国际机场","city":"北京"}', '{"code":"SHA","name":"上海虹桥国际机场","city":"上海"}', $3, $4, 'scheduled')
     ON CONFLICT (flight_no, flight_date) DO UPDATE SET scheduled_departure = EXCLUDED.scheduled_departure, scheduled_arrival = EXCLUDED.scheduled_arrival
     RETURNING id`,
    [flightNo, flightDate, scheduledDeparture, scheduledArrival, flightNo.slice(0, 2)],
  );
  return { id: rows[0]!.id, flightNo, flightDate, scheduledDeparture, scheduledArrival };
};

/**
 * `count` issued policies of `productCode` on the flight, as a purchase would leave them (quote,
 * issued order, active policy), in two statements. Each goes to a new customer unless
 * `customerIds` are given (then one policy per listed customer).
 */
export const insurePassengers = async (
  db: Queryable,
  flight: FixtureFlight,
  options: { productCode: string; count?: number; customerIds?: string[]; payoutFen?: number; coverEnd?: Date },
): Promise<{ policyIds: string[]; customerIds: string[] }> => {
  const batch = randomBytes(3).toString('hex');
  let customerIds = options.customerIds;
  if (!customerIds) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO customers (openid) SELECT 'ofx_' || $1 || '_' || i FROM generate_series(1, $2) AS i RETURNING id`,
      [batch, options.count ?? 1],
    );
    customerIds = rows.map((row) => row.id);
  }
  const { rows: orders } = await db.query<{
    id: string;
    order_no: string;
    customer_id: string;
    product_version_id: string;
    insured_id_index: string;
  }>(
    `WITH v AS (
       SELECT v.id, v.product_id FROM product_versions v JOIN products p ON p.id = v.product_id
        WHERE p.code = $1 ORDER BY v.version DESC LIMIT 1),
     q AS (
       INSERT INTO quotes (customer_id, product_id, product_version_id, flight_id, payout_fen, premium_fen, pricing, expires_at)
       SELECT c, v.product_id, v.id, $2, $3, 600, '{}', now() + interval '1 hour' FROM unnest($4::uuid[]) AS c CROSS JOIN v
       RETURNING id, customer_id, product_version_id)
     INSERT INTO orders (order_no, customer_id, quote_id, product_version_id, flight_id, amount_fen, payout_fen, status,
                         insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index, insured_id_masked,
                         insured_phone_encrypted, insured_phone_masked, exclusions_read_version_id, idempotency_key, request_hash,
                         paid_at, expires_at)
     SELECT 'T' || $5 || lpad((row_number() OVER ())::text, 7, '0'), q.customer_id, q.id, q.product_version_id, $2, 600, $3, 'pending_payment',
            'fixture', '张*', 'fixture', md5(q.id::text), '1101**********0000', 'fixture', '138****0000', q.product_version_id,
            md5(q.id::text), repeat('0', 64), now(), now() + interval '1 hour'
       FROM q
     RETURNING id, order_no, customer_id, product_version_id, insured_id_index`,
    [options.productCode, flight.id, options.payoutFen ?? 20000, customerIds, batch],
  );
  // The policies are written by the policy module's repository, as issuing writes them.
  const issued = await new PolicyRepository().insertFlightPolicies(
    { query: async (text: string, values?: unknown[]) => (await db.query(text, values)).rows },
    orders.map((order) => ({
      policyNo: 'P' + order.order_no.slice(1),
      orderId: order.id,
      customerId: order.customer_id,
      productVersionId: order.product_version_id,
      flightId: flight.id,
      premiumFen: 600,
      payoutFen: options.payoutFen ?? 20000,
      insuredIdIndex: order.insured_id_index,
      coverStart: flight.scheduledDeparture,
      coverEnd: options.coverEnd ?? new Date(flight.scheduledArrival.getTime() + 360 * 60_000),
    })),
    new Date(),
  );
  const policyOf = new Map(issued.map((row) => [row.orderId, row.policyId]));
  const rows = orders.map((order) => ({ id: policyOf.get(order.id)!, customer_id: order.customer_id }));
  // Orders are created unpaid and then issued, as the order state machine has it (the guard trigger refuses an order created issued).
  await db.query(`UPDATE orders SET status = 'issued' WHERE id = ANY($1::uuid[])`, [orders.map((order) => order.id)]);
  return { policyIds: rows.map((row) => row.id), customerIds: rows.map((row) => row.customer_id) };
};
