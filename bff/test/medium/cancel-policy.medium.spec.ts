import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseClaimOnCancellationUseCase } from '../../src/modules/claim/close-claim-on-cancellation.use-case.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { ORDER_QUEUES } from '../../src/modules/order/order.queues.js';
import { CancelPolicyUseCase } from '../../src/modules/policy/cancel-policy.use-case.js';
import {
  addCustomer,
  addFlight,
  addIssuedFlightPolicy,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Medium,
} from '../support/medium.js';

/**
 * CancelPolicyUseCase on a real PostgreSQL, on policies issued by paying for them: 退保 before
 * cover cancels the policy, gives its capacity back and refunds the whole premium once; a repeated
 * request reports the first; a refused one changes nothing.
 */
describe('CancelPolicyUseCase', () => {
  let medium: Medium;
  let cancel: CancelPolicyUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    cancel = new CancelPolicyUseCase(
      medium.unitOfWork,
      medium.clock,
      new CloseClaimOnCancellationUseCase(new ClaimRepository()),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** The policy, its order, refunds and claims, and its flight's or place's sold capacity. */
  const stateOf = (policyId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(p) FROM policies p WHERE p.id = $1) AS policy,
              (SELECT row_to_json(o) FROM orders o JOIN policies p ON p.order_id = o.id WHERE p.id = $1) AS order,
              (SELECT json_agg(r ORDER BY r.id) FROM refunds r JOIN policies p ON p.order_id = r.order_id WHERE p.id = $1) AS refunds,
              (SELECT json_agg(c ORDER BY c.id) FROM claims c WHERE c.policy_id = $1) AS claims,
              (SELECT f.sold_sum_insured_fen FROM flights f JOIN policies p ON p.flight_id = f.id WHERE p.id = $1) AS flight_sold,
              (SELECT w.sold FROM weather_capacity w JOIN policies p ON p.place_code = w.place_code
                 AND w.period = to_char(p.cover_end_date, 'YYYY') WHERE p.id = $1) AS place_sold`,
      [policyId],
    );

  it('the customer cancels a flight policy before departure: cancelled, capacity given back, the whole premium refunded once', async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id, 'FD120', 20000);
    const jobsBefore = medium.jobs.length;

    const result = await cancel.execute({
      policy: policyId,
      initiatedBy: { kind: 'customer', customerId: order.customer.id },
      reason: ' 行程取消 ',
    });

    expect(result).toEqual({
      policyNo: expect.any(String),
      orderNo: order.orderNo,
      outcome: 'cancelled',
      refundNo: expect.any(String),
      refundFen: order.amountFen,
      refundStatus: 'pending',
    });
    const { rows } = await medium.db.query(
      `SELECT p.status, p.cancelled_by, p.cancelled_by_id, p.cancel_reason, o.status AS order_status, o.refund_reason,
              f.sold_sum_insured_fen::int AS sold,
              (SELECT json_agg(json_build_object('no', r.refund_no, 'amount', r.amount_fen)) FROM refunds r WHERE r.order_id = o.id) AS refunds
         FROM policies p JOIN orders o ON o.id = p.order_id JOIN flights f ON f.id = p.flight_id WHERE p.id = $1`,
      [policyId],
    );
    expect(rows).toEqual([
      {
        status: 'cancelled',
        cancelled_by: 'customer',
        cancelled_by_id: order.customer.id,
        cancel_reason: '行程取消',
        order_status: 'refunding',
        refund_reason: '您在保障开始前申请退保，保费已全额原路退回',
        sold: 0,
        refunds: [{ no: result.refundNo, amount: order.amountFen }],
      },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: ORDER_QUEUES.refund, data: { refundId: expect.any(String) } },
    ]);
  });

  it('asking again answers with the first cancellation and changes nothing', async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id);
    const command = { policy: policyId, initiatedBy: { kind: 'customer' as const, customerId: order.customer.id } };
    const first = await cancel.execute(command);
    const once = await stateOf(policyId);
    const jobsBefore = medium.jobs.length;

    const again = await cancel.execute(command);

    expect(again).toEqual({ ...first, outcome: 'already_cancelled' });
    expect(await stateOf(policyId)).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it("another customer's policy is not found, and nothing changes", async () => {
    const flight = await addFlight(medium.db);
    const { policyId } = await addIssuedFlightPolicy(medium, flight.id);
    const stranger = await addCustomer(medium.db);
    const before = await stateOf(policyId);

    await expect(
      cancel.execute({ policy: policyId, initiatedBy: { kind: 'customer', customerId: stranger.id } }),
    ).rejects.toMatchObject({ code: 'POLICY_NOT_FOUND' });

    expect(await stateOf(policyId)).toBe(before);
  });

  it('once the flight has departed the policy cannot be cancelled, and nothing changes', async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id);
    await medium.db.query(`UPDATE flights SET status = 'departed', actual_departure = now() WHERE id = $1`, [
      flight.id,
    ]);
    const before = await stateOf(policyId);

    await expect(
      cancel.execute({ policy: policyId, initiatedBy: { kind: 'customer', customerId: order.customer.id } }),
    ).rejects.toMatchObject({ code: 'POLICY_CANCEL_AFTER_DEPARTURE' });

    expect(await stateOf(policyId)).toBe(before);
  });

  it('a staff cancellation whose own record fails in the same transaction leaves everything as it was', async () => {
    const flight = await addFlight(medium.db);
    const { policyId } = await addIssuedFlightPolicy(medium, flight.id);
    const before = await stateOf(policyId);
    const jobsBefore = medium.jobs.length;

    await expect(
      cancel.execute({ policy: policyId, initiatedBy: { kind: 'staff', staffId: 'staff-1' } }, async () => {
        throw new Error('audit row refused');
      }),
    ).rejects.toThrow('audit row refused');

    expect(await stateOf(policyId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);

    await cancel.execute({ policy: policyId, initiatedBy: { kind: 'staff', staffId: 'staff-1' } });
    const { rows } = await medium.db.query(`SELECT status, cancelled_by, cancelled_by_id FROM policies WHERE id = $1`, [
      policyId,
    ]);
    expect(rows).toEqual([{ status: 'cancelled', cancelled_by: 'staff', cancelled_by_id: 'staff-1' }]);
  });

  it('a HEAT37 policy cancelled before its season closes its claim at 0 and gives the place its units back', async () => {
    const customer = await addCustomer(medium.db);
    const order = await addPendingOrder(medium, customer, {
      productCode: 'HEAT37',
      place: { code: 'nanjing', units: 3, coverEndDate: `${new Date().getUTCFullYear() + 1}-08-31` },
      amountFen: 900,
      payoutFen: 30000,
    });
    expect(await settlementOf(medium).execute(paymentOf(medium, order), null)).toBe('issued');
    const {
      rows: [policy],
    } = await medium.db.query<{ id: string }>(`SELECT id FROM policies WHERE order_id = $1`, [order.id]);

    const result = await cancel.execute({
      policy: policy!.id,
      initiatedBy: { kind: 'customer', customerId: customer.id },
    });

    expect(result).toMatchObject({ outcome: 'cancelled', refundFen: 900 });
    const { rows } = await medium.db.query(
      `SELECT p.status, c.status AS claim, c.amount_fen, c.rejected_reason,
              (SELECT w.sold FROM weather_capacity w WHERE w.place_code = 'nanjing' AND w.period = to_char(p.cover_end_date, 'YYYY')) AS sold
         FROM policies p JOIN claims c ON c.policy_id = p.id WHERE p.id = $1`,
      [policy!.id],
    );
    expect(rows).toEqual([
      { status: 'cancelled', claim: 'rejected', amount_fen: 0, rejected_reason: '保单已在保障开始前退保', sold: 0 },
    ]);
  });

  it('a policy with a claim in manual review cannot be cancelled, and nothing changes', async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id);
    // Its cover ended with no final flight status: the sweep opened a claim for staff to decide.
    await new OpenManualReviewsUseCase(medium.dataSource).execute(
      new Date(flight.scheduledArrival.getTime() + 7 * 3600_000),
    );
    const { rows } = await medium.db.query(`SELECT status FROM claims WHERE policy_id = $1`, [policyId]);
    expect(rows).toEqual([{ status: 'manual_review' }]);
    const before = await stateOf(policyId);

    await expect(
      cancel.execute({ policy: policyId, initiatedBy: { kind: 'customer', customerId: order.customer.id } }),
    ).rejects.toMatchObject({ code: 'POLICY_NOT_CANCELLABLE' });

    expect(await stateOf(policyId)).toBe(before);
  });
});
