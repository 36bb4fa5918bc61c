import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  IssuePolicyUseCase,
  type FlightPolicyToIssue,
  type WeatherPolicyToIssue,
} from '../../src/modules/policy/issue-policy.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import {
  addCustomer,
  addFlight,
  addPendingOrder,
  openMedium,
  snapshot,
  type Medium,
  type PendingOrder,
} from '../support/medium.js';

/**
 * IssuePolicyUseCase on a real PostgreSQL: what the policy module promises order settlement (one
 * policy per insured per flight or place-season, a refused row missing from the answer, a withdrawn
 * policy gone), checked in the `policies` table.
 */
describe('IssuePolicyUseCase', () => {
  let medium: Medium;
  let issue: IssuePolicyUseCase;
  const policyNo = () => `P${randomBytes(8).toString('hex')}`.slice(0, 20);

  beforeAll(async () => {
    medium = await openMedium();
    issue = new IssuePolicyUseCase(new PolicyRepository());
  });
  afterAll(async () => {
    await medium?.close();
  });

  const flightRow = (order: PendingOrder, flightId: string, insured: string): FlightPolicyToIssue => ({
    policyNo: policyNo(),
    orderId: order.id,
    customerId: order.customer.id,
    productVersionId: order.productVersionId,
    flightId,
    premiumFen: order.amountFen,
    payoutFen: order.payoutFen,
    insuredIdIndex: insured,
    coverStart: new Date('2026-07-01T02:00:00Z'),
    coverEnd: new Date('2026-07-01T10:30:00Z'),
  });
  const policiesOf = (column: 'flight_id' | 'place_code', value: string) =>
    medium.db.query<{ order_id: string; status: string; insured_id_index: string }>(
      `SELECT order_id, status, insured_id_index FROM policies WHERE ${column} = $1 ORDER BY issued_at, order_id`,
      [value],
    );

  it('issues one active flight policy per order, with the cover and money it was given', async () => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, customer, {
      productCode: 'FD120',
      flightId: flight.id,
    });
    const row = flightRow(order, flight.id, 'ins-a');

    const issued = await medium.unitOfWork.run((tx) => issue.flight(tx, [row], new Date('2026-06-30T08:00:00Z')));

    expect(issued).toEqual([{ orderId: order.id, policyId: expect.any(String) }]);
    const { rows } = await medium.db.query(
      `SELECT id, policy_no, status, premium_fen, payout_fen, cover_start, cover_end, issued_at, customer_id FROM policies WHERE order_id = $1`,
      [order.id],
    );
    expect(rows).toEqual([
      {
        id: issued[0]!.policyId,
        policy_no: row.policyNo,
        status: 'active',
        premium_fen: order.amountFen,
        payout_fen: order.payoutFen,
        cover_start: row.coverStart,
        cover_end: row.coverEnd,
        issued_at: new Date('2026-06-30T08:00:00Z'),
        customer_id: customer.id,
      },
    ]);
  });

  it('a second policy for the same insured on the same flight is a no-op: missing from the answer, nothing written', async () => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    const first = await addPendingOrder(medium, customer, {
      productCode: 'FD120',
      flightId: flight.id,
    });
    const second = await addPendingOrder(medium, customer, {
      productCode: 'FD60',
      flightId: flight.id,
    });
    await medium.unitOfWork.run((tx) => issue.flight(tx, [flightRow(first, flight.id, 'ins-b')], new Date()));
    const before = await snapshot(medium.db, `SELECT * FROM policies WHERE flight_id = $1`, [flight.id]);

    const again = await medium.unitOfWork.run((tx) =>
      issue.flight(tx, [flightRow(second, flight.id, 'ins-b')], new Date()),
    );

    expect(again).toEqual([]);
    expect(await snapshot(medium.db, `SELECT * FROM policies WHERE flight_id = $1`, [flight.id])).toBe(before);
  });

  it('in one call, each insured gets one policy and the duplicate row is the only one left out', async () => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    const insureds = ['ins-c', 'ins-d', 'ins-c'];
    const orders: PendingOrder[] = [];
    for (let i = 0; i < insureds.length; i += 1)
      orders.push(await addPendingOrder(medium, customer, { productCode: 'FD120', flightId: flight.id }));

    const issued = await medium.unitOfWork.run((tx) =>
      issue.flight(
        tx,
        orders.map((order, i) => flightRow(order, flight.id, insureds[i]!)),
        new Date(),
      ),
    );

    expect(issued).toHaveLength(2);
    const { rows } = await policiesOf('flight_id', flight.id);
    expect(rows.map((row) => row.insured_id_index).sort()).toEqual(['ins-c', 'ins-d']);
    expect(new Set(rows.map((row) => row.order_id))).toEqual(new Set(issued.map((policy) => policy.orderId)));
  });

  it('a policy withdrawn in its issuing transaction (capacity ran out) is not there afterwards, and the insured can be issued again', async () => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, customer, {
      productCode: 'FD120',
      flightId: flight.id,
    });

    await medium.unitOfWork.run(async (tx) => {
      const [policy] = await issue.flight(tx, [flightRow(order, flight.id, 'ins-e')], new Date());
      await issue.withdraw(tx, [policy!.policyId]);
    });
    expect((await policiesOf('flight_id', flight.id)).rows).toEqual([]);

    const later = await addPendingOrder(medium, customer, {
      productCode: 'FD120',
      flightId: flight.id,
    });
    const reissued = await medium.unitOfWork.run((tx) =>
      issue.flight(tx, [flightRow(later, flight.id, 'ins-e')], new Date()),
    );
    expect(reissued).toEqual([{ orderId: later.id, policyId: expect.any(String) }]);
  });

  it('withdrawing leaves a policy that is no longer active alone', async () => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, customer, { productCode: 'FD120', flightId: flight.id });
    const [policy] = await medium.unitOfWork.run((tx) =>
      issue.flight(tx, [flightRow(order, flight.id, 'ins-f')], new Date()),
    );
    // The flight's rule did not pay: the policy module closes it (`expired`).
    await medium.unitOfWork.run((tx) =>
      new CloseEndedCoverUseCase(new PolicyRepository()).afterClaims(tx, { claimed: [], expired: [policy!.policyId] }),
    );

    await medium.unitOfWork.run((tx) => issue.withdraw(tx, [policy!.policyId]));

    expect((await policiesOf('flight_id', flight.id)).rows).toEqual([
      expect.objectContaining({ order_id: order.id, status: 'expired' }),
    ]);
  });

  describe('weather', () => {
    const heatRow = (order: PendingOrder, insured: string, season = '2027'): WeatherPolicyToIssue => ({
      policyNo: policyNo(),
      orderId: order.id,
      customerId: order.customer.id,
      productVersionId: order.productVersionId,
      placeCode: 'wuhan',
      units: 2,
      coverStartDate: `${season}-06-21`,
      coverEndDate: `${season}-08-31`,
      premiumFen: order.amountFen,
      payoutFen: order.payoutFen,
      insuredIdIndex: insured,
      deductibleDays: 6,
      tickFen: 1000,
    });
    // The paid order a policy points to; the rows given to the use case say what it covers.
    const heatOrder = async () =>
      addPendingOrder(medium, await addCustomer(medium.db), {
        productCode: 'HEAT37',
        place: { code: 'wuhan', units: 2, coverEndDate: `${new Date().getUTCFullYear() + 1}-08-31` },
        payoutFen: 20000,
      });

    it('issues a HEAT37 policy whose cover is whole Beijing days, with its deductible and tick', async () => {
      const order = await heatOrder();

      const issued = await medium.unitOfWork.run((tx) => issue.weather(tx, [heatRow(order, 'heat-a')], new Date()));

      expect(issued).toEqual([{ orderId: order.id, policyId: expect.any(String) }]);
      const { rows } = await medium.db.query(
        `SELECT status, place_code, units, deductible_days, tick_fen, flight_id, cover_start, cover_end,
                to_char(cover_start_date, 'YYYY-MM-DD') AS start_date, to_char(cover_end_date, 'YYYY-MM-DD') AS end_date
           FROM policies WHERE order_id = $1`,
        [order.id],
      );
      expect(rows).toEqual([
        {
          status: 'active',
          place_code: 'wuhan',
          units: 2,
          deductible_days: 6,
          tick_fen: 1000,
          flight_id: null,
          cover_start: new Date('2027-06-20T16:00:00Z'),
          cover_end: new Date('2027-08-31T16:00:00Z'),
          start_date: '2027-06-21',
          end_date: '2027-08-31',
        },
      ]);
    });

    it('a second HEAT37 policy for the same insured, place and season is a no-op; another season is not', async () => {
      await medium.unitOfWork.run(async (tx) => issue.weather(tx, [heatRow(await heatOrder(), 'heat-b')], new Date()));
      const before = await snapshot(medium.db, `SELECT * FROM policies WHERE place_code = 'wuhan' ORDER BY id`);

      const duplicate = await heatOrder();
      const again = await medium.unitOfWork.run((tx) => issue.weather(tx, [heatRow(duplicate, 'heat-b')], new Date()));

      expect(again).toEqual([]);
      expect(await snapshot(medium.db, `SELECT * FROM policies WHERE place_code = 'wuhan' ORDER BY id`)).toBe(before);

      const nextSeason = await heatOrder();
      const issued = await medium.unitOfWork.run((tx) =>
        issue.weather(tx, [heatRow(nextSeason, 'heat-b', '2028')], new Date()),
      );
      expect(issued).toEqual([{ orderId: nextSeason.id, policyId: expect.any(String) }]);
    });
  });
});
