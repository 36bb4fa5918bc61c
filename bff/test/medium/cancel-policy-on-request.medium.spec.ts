import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseClaimOnCancellationUseCase } from '../../src/modules/claim/close-claim-on-cancellation.use-case.js';
import { ORDER_QUEUES } from '../../src/modules/order/order.queues.js';
import { CancelPolicyUseCase } from '../../src/modules/policy/cancel-policy.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { CancelPolicyOnRequestUseCase } from '../../src/modules/support-desk/cancel-policy-on-request.use-case.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { addFlight, addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';
import { addStaff, auditRows } from '../support/medium-support.js';

/**
 * CancelPolicyOnRequestUseCase on a real PostgreSQL, on policies issued by paying for them:
 * customer service cancels a policy before cover for the customer — the customer's own 退保 rule,
 * the whole premium refunded once — and the agent's reason is audited in the same transaction;
 * a repeated request refunds nothing more; a refused one changes nothing and leaves no audit row.
 */
describe('CancelPolicyOnRequestUseCase', () => {
  let medium: Medium;
  let cancel: CancelPolicyOnRequestUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    cancel = new CancelPolicyOnRequestUseCase(
      new CancelPolicyUseCase(
        medium.unitOfWork,
        medium.clock,
        new CloseClaimOnCancellationUseCase(new ClaimRepository()),
      ),
      new Customer360Repository(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const issued = async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id, 'FD120', 20000);
    const { rows } = await medium.db.query<{ policy_no: string }>(`SELECT policy_no FROM policies WHERE id = $1`, [
      policyId,
    ]);
    return { order, policyId, policyNo: rows[0]!.policy_no, flightId: flight.id };
  };
  /** The policy, its order and refunds, its flight's sold capacity, and the audit rows naming it. */
  const stateOf = (policyId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(p) FROM policies p WHERE p.id = $1) AS policy,
              (SELECT row_to_json(o) FROM orders o JOIN policies p ON p.order_id = o.id WHERE p.id = $1) AS order,
              (SELECT json_agg(r ORDER BY r.id) FROM refunds r JOIN policies p ON p.order_id = r.order_id WHERE p.id = $1) AS refunds,
              (SELECT f.sold_sum_insured_fen FROM flights f JOIN policies p ON p.flight_id = f.id WHERE p.id = $1) AS flight_sold,
              (SELECT count(*) FROM staff_audit_log a JOIN policies p ON a.resource_id = p.policy_no WHERE p.id = $1) AS audits`,
      [policyId],
    );

  it('an agent cancels a policy before departure: cancelled by staff, the whole premium refunded once, the reason audited', async () => {
    const { order, policyId, policyNo } = await issued();
    const staff = await addStaff(medium.db);
    const jobsBefore = medium.jobs.length;

    const result = await cancel.execute(staff, policyNo, '客户电话申请退保');

    expect(result).toEqual({
      policyNo,
      orderNo: order.orderNo,
      policyStatus: 'cancelled',
      refundNo: expect.any(String),
      refundStatus: 'pending',
      amountFen: order.amountFen,
      cancelled: true,
    });
    const { rows } = await medium.db.query(
      `SELECT p.status, p.cancelled_by, p.cancelled_by_id, p.cancel_reason, o.status AS order_status, f.sold_sum_insured_fen::int AS sold,
              (SELECT json_agg(json_build_object('no', r.refund_no, 'amount', r.amount_fen)) FROM refunds r WHERE r.order_id = o.id) AS refunds
         FROM policies p JOIN orders o ON o.id = p.order_id JOIN flights f ON f.id = p.flight_id WHERE p.id = $1`,
      [policyId],
    );
    expect(rows).toEqual([
      {
        status: 'cancelled',
        cancelled_by: 'staff',
        cancelled_by_id: staff.staffUserId,
        cancel_reason: '客户电话申请退保',
        order_status: 'refunding',
        sold: 0,
        refunds: [{ no: result.refundNo, amount: order.amountFen }],
      },
    ]);
    expect(await auditRows(medium.db, 'policy_cancel', policyNo)).toEqual([
      {
        staff_user_id: staff.staffUserId,
        username: staff.username,
        roles: ['support'],
        action: 'policy_cancel',
        resource_type: 'policy',
        resource_id: policyNo,
        customer_id: order.customer.id,
        policy_no: policyNo,
        ip: staff.ip,
        request_id: staff.requestId,
        reason: '客户电话申请退保',
        detail: { refundNo: result.refundNo, amountFen: order.amountFen },
      },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: ORDER_QUEUES.refund, data: { refundId: expect.any(String) } },
    ]);
  });

  it('asking again answers with the first cancellation, refunds nothing more and audits nothing more', async () => {
    const { policyId, policyNo } = await issued();
    const staff = await addStaff(medium.db);
    const first = await cancel.execute(staff, policyNo, '客户申请');
    const once = await stateOf(policyId);
    const jobsBefore = medium.jobs.length;

    const again = await cancel.execute(await addStaff(medium.db), policyNo, '再次申请');

    expect(again).toEqual({ ...first, cancelled: false });
    expect(await stateOf(policyId)).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('an unknown policy number is not found, and nothing is audited', async () => {
    const staff = await addStaff(medium.db);
    const auditsBefore = await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);

    await expect(cancel.execute(staff, 'P000000000000000', '客户申请')).rejects.toMatchObject({
      code: 'POLICY_NOT_FOUND',
    });

    expect(await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`)).toBe(auditsBefore);
  });

  it('once the flight has departed the policy cannot be cancelled: nothing changes and nothing is audited', async () => {
    const { policyId, policyNo, flightId } = await issued();
    await medium.db.query(`UPDATE flights SET status = 'departed', actual_departure = now() WHERE id = $1`, [flightId]);
    const before = await stateOf(policyId);
    const jobsBefore = medium.jobs.length;

    await expect(cancel.execute(await addStaff(medium.db), policyNo, '客户申请')).rejects.toMatchObject({
      code: 'POLICY_CANCEL_AFTER_DEPARTURE',
    });

    expect(await stateOf(policyId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });
});
