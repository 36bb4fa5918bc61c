import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CollectClaimUseCase } from '../../src/modules/payout/collect-claim.use-case.js';
import { ReofferPayoutUseCase } from '../../src/modules/payout/reoffer-payout.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { ReofferPayoutOnRequestUseCase } from '../../src/modules/support-desk/reoffer-payout-on-request.use-case.js';
import { addApprovedFlightClaim, openMedium, payoutOf, snapshot, type Medium } from '../support/medium.js';
import { addStaff, auditRows } from '../support/medium-support.js';

/**
 * ReofferPayoutOnRequestUseCase on a real PostgreSQL and the WeChat simulator over real HTTP, on
 * claims approved and offered through the use cases: an agent re-offers a red packet whose bill
 * WeChat says failed, with their reason audited in the re-offering transaction; refused requests
 * (bill still waiting, unknown claim) change nothing and leave no audit row.
 */
describe('ReofferPayoutOnRequestUseCase', () => {
  let medium: Medium;
  let collect: CollectClaimUseCase;
  let reoffer: ReofferPayoutOnRequestUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const payout = payoutOf(medium);
    collect = new CollectClaimUseCase(
      medium.unitOfWork,
      payout.creator,
      payout.bills,
      medium.integrations,
      medium.clock,
      payout.claims,
    );
    reoffer = new ReofferPayoutOnRequestUseCase(
      new ReofferPayoutUseCase(medium.unitOfWork, payout.sync, payout.claims),
      new Customer360Repository(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** The claim, its bills and the audit rows naming it (not when the bill was last looked up at WeChat). */
  const stateOf = (claimId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT to_jsonb(c) - 'updated_at' FROM claims c WHERE c.id = $1) AS claim,
              (SELECT json_agg(to_jsonb(b) - 'updated_at' ORDER BY b.attempt) FROM payout_bills b WHERE b.claim_id = $1) AS bills,
              (SELECT count(*) FROM staff_audit_log a JOIN claims c ON a.resource_id = c.claim_no WHERE c.id = $1) AS audits`,
      [claimId],
    );
  const untilWechatSays = async (outBillNo: string, state: string) => {
    for (let i = 0; i < 200; i += 1) {
      if ((await medium.adapters.transferBills.queryByOutBillNo(outBillNo)).state === state) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`WeChat never said ${state} for ${outBillNo}`);
  };
  /** An approved claim whose red packet was opened (拆): attempt 1 waits for the customer at WeChat. */
  const offeredClaim = async () => {
    const claim = await addApprovedFlightClaim(medium, 20000);
    const offer = await collect.execute(claim.customer, claim.claimId);
    return { ...claim, offer, firstBill: `${claim.claimNo}A1` };
  };

  it("after WeChat says the bill failed, the agent's re-offer opens the next attempt and is audited with its reason", async () => {
    const claim = await offeredClaim();
    medium.sim.confirmTransfer({
      package: claim.offer.package,
      openid: claim.customer.openid,
      outcome: 'FAIL',
      failReason: 'ACCOUNT_FROZEN',
    });
    await untilWechatSays(claim.firstBill, 'FAIL');
    const staff = await addStaff(medium.db);

    const result = await reoffer.execute(staff, claim.claimId, { attempt: 1, reason: '客户账户已解冻' });

    expect(result).toEqual({
      claimNo: claim.claimNo,
      previousOutBillNo: claim.firstBill,
      previousState: 'FAIL',
      attempt: 2,
      outBillNo: `${claim.claimNo}A2`,
      reoffered: true,
    });
    const { rows } = await medium.db.query(
      `SELECT c.payout_attempt, (SELECT json_agg(json_build_object('attempt', b.attempt, 'state', b.state) ORDER BY b.attempt)
                                   FROM payout_bills b WHERE b.claim_id = c.id) AS bills
         FROM claims c WHERE c.id = $1`,
      [claim.claimId],
    );
    expect(rows).toEqual([
      {
        payout_attempt: 2,
        bills: [
          { attempt: 1, state: 'FAIL' },
          { attempt: 2, state: 'CREATING' },
        ],
      },
    ]);
    expect(await auditRows(medium.db, 'payout_reoffer', claim.claimNo)).toEqual([
      {
        staff_user_id: staff.staffUserId,
        username: staff.username,
        roles: ['support'],
        action: 'payout_reoffer',
        resource_type: 'claim',
        resource_id: claim.claimNo,
        customer_id: claim.customer.customerId,
        policy_no: null,
        ip: staff.ip,
        request_id: staff.requestId,
        reason: '客户账户已解冻',
        detail: { previousOutBillNo: claim.firstBill, previousState: 'FAIL', outBillNo: `${claim.claimNo}A2` },
      },
    ]);
  });

  it('while the bill still waits for the customer the re-offer is refused: no second bill, no audit row', async () => {
    const claim = await offeredClaim();
    const before = await stateOf(claim.claimId);

    await expect(
      reoffer.execute(await addStaff(medium.db), claim.claimId, { attempt: 1, reason: '客户说没收到' }),
    ).rejects.toMatchObject({ code: 'PAYOUT_BILL_NOT_FINAL' });

    expect(await stateOf(claim.claimId)).toBe(before);
  });

  it('an unknown claim, or an id that is not one, is not found and nothing is audited', async () => {
    const staff = await addStaff(medium.db);
    const audits = () => snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
    const before = await audits();

    await expect(
      reoffer.execute(staff, '00000000-0000-4000-8000-000000000000', { attempt: 1, reason: '补发' }),
    ).rejects.toMatchObject({ code: 'CLAIM_NOT_FOUND' });
    await expect(reoffer.execute(staff, 'not-a-claim', { attempt: 1, reason: '补发' })).rejects.toMatchObject({
      code: 'CLAIM_NOT_FOUND',
    });

    expect(await audits()).toBe(before);
  });
});
