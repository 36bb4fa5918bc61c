import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CLAIM_QUEUES } from '../../src/modules/claim/claim.queues.js';
import { CollectClaimUseCase } from '../../src/modules/payout/collect-claim.use-case.js';
import { PAYOUT_QUEUES } from '../../src/modules/payout/payout.queues.js';
import { ReofferPayoutUseCase } from '../../src/modules/payout/reoffer-payout.use-case.js';
import {
  addApprovedFlightClaim,
  openMedium,
  payoutOf,
  snapshot,
  type ApprovedClaim,
  type Medium,
} from '../support/medium.js';

/**
 * ReofferPayoutUseCase on a real PostgreSQL and the WeChat simulator over real HTTP, on claims
 * approved and offered through the use cases: customer service re-offers a red packet only once
 * WeChat says its bill is final (FAIL, or CANCELLED after 24 h unconfirmed), under the next
 * attempt's number, once; never while the bill may still be confirmed, and never after it paid.
 * No notification endpoint listens here: what the BFF knows of a finished bill, it asks WeChat.
 */
describe('ReofferPayoutUseCase', () => {
  let medium: Medium;
  let collect: CollectClaimUseCase;
  let reoffer: ReofferPayoutUseCase;

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
    reoffer = new ReofferPayoutUseCase(medium.unitOfWork, payout.sync, payout.claims);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** The claim and every bill of it: for "nothing changed" checks. */
  const stateOf = (claimId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(c) FROM claims c WHERE c.id = $1) AS claim,
              (SELECT json_agg(b ORDER BY b.attempt) FROM payout_bills b WHERE b.claim_id = $1) AS bills`,
      [claimId],
    );
  const claimState = async (claimId: string) =>
    (
      await medium.db.query<{
        status: string;
        paid_fen: number;
        payout_attempt: number;
        notify_state: string;
        bills: { no: string; attempt: number; state: string; amount: number }[] | null;
      }>(
        `SELECT c.status, c.paid_fen, c.payout_attempt, c.notify_state,
                (SELECT json_agg(json_build_object('no', b.out_bill_no, 'attempt', b.attempt, 'state', b.state, 'amount', b.amount_fen) ORDER BY b.attempt)
                   FROM payout_bills b WHERE b.claim_id = c.id) AS bills
           FROM claims c WHERE c.id = $1`,
        [claimId],
      )
    ).rows[0]!;
  /** An approved claim whose red packet was opened (拆): attempt 1 waits for the customer at WeChat. */
  const offeredClaim = async (payoutFen = 20000) => {
    const claim = await addApprovedFlightClaim(medium, payoutFen);
    const offer = await collect.execute(claim.customer, claim.claimId);
    return { ...claim, offer, firstBill: `${claim.claimNo}A1` };
  };
  /** The customer acts on the red packet at WeChat; the BFF hears nothing of it. */
  const confirmAtWechat = async (
    claim: ApprovedClaim & { offer: { package: string }; firstBill: string },
    outcome: 'SUCCESS' | 'FAIL',
  ) => {
    medium.sim.confirmTransfer({
      package: claim.offer.package,
      openid: claim.customer.openid,
      outcome,
      ...(outcome === 'FAIL' ? { failReason: 'ACCOUNT_FROZEN' } : {}),
    });
    await untilWechatSays(claim.firstBill, outcome);
  };
  const untilWechatSays = async (outBillNo: string, state: string) => {
    for (let i = 0; i < 200; i += 1) {
      if ((await medium.adapters.transferBills.queryByOutBillNo(outBillNo)).state === state) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`WeChat never said ${state} for ${outBillNo}`);
  };
  /** Money WeChat moved to the customer for these bills (the simulator's ledger). */
  const paidAtWechat = (outBillNos: string[]) =>
    medium.sim.ledger
      .of('transfer')
      .filter((entry) => outBillNos.includes(entry.outBillNo) && entry.state === 'SUCCESS')
      .map((entry) => [entry.outBillNo, entry.amount]);

  it('after WeChat says the bill failed, the claim is re-offered once under the next attempt and its customer told again', async () => {
    const claim = await offeredClaim(20000);
    await confirmAtWechat(claim, 'FAIL');
    // The BFF still believes the bill waits: only WeChat's answer makes it final.
    expect((await claimState(claim.claimId)).bills).toEqual([
      { no: claim.firstBill, attempt: 1, state: 'WAIT_USER_CONFIRM', amount: 20000 },
    ]);
    const jobsBefore = medium.jobs.length;

    const result = await reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' });

    expect(result).toEqual({
      claimNo: claim.claimNo,
      previousOutBillNo: claim.firstBill,
      previousState: 'FAIL',
      attempt: 2,
      outBillNo: `${claim.claimNo}A2`,
      reoffered: true,
    });
    const state = await claimState(claim.claimId);
    expect(state).toMatchObject({ status: 'approved', paid_fen: 0, payout_attempt: 2, notify_state: 'pending' });
    expect(state.bills).toEqual([
      { no: claim.firstBill, attempt: 1, state: 'FAIL', amount: 20000 },
      { no: `${claim.claimNo}A2`, attempt: 2, state: 'CREATING', amount: 20000 },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: PAYOUT_QUEUES.syncBill, data: { outBillNo: `${claim.claimNo}A2` } },
      { queue: CLAIM_QUEUES.notifyApproved, data: { claimIds: [claim.claimId] } },
    ]);

    // The customer's next 拆 opens the new number, which then pays once.
    const offer = await collect.execute(claim.customer, claim.claimId);
    medium.sim.confirmTransfer({ package: offer.package, openid: claim.customer.openid });
    await untilWechatSays(`${claim.claimNo}A2`, 'SUCCESS');
    expect(paidAtWechat([claim.firstBill, `${claim.claimNo}A2`])).toEqual([[`${claim.claimNo}A2`, 20000]]);
  });

  it('asking again for the same attempt answers the same re-offer and changes nothing', async () => {
    const claim = await offeredClaim();
    await confirmAtWechat(claim, 'FAIL');
    const command = { claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' };
    const first = await reoffer.execute(command);
    const once = await stateOf(claim.claimId);
    const jobsBefore = medium.jobs.length;

    const again = await reoffer.execute({ ...command, requestedBy: 'staff-2' });

    expect(again).toEqual({ ...first, reoffered: false });
    expect(await stateOf(claim.claimId)).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('two staff re-offering the same failed bill at once open one next attempt between them', async () => {
    const claim = await offeredClaim();
    await confirmAtWechat(claim, 'FAIL');
    const jobsBefore = medium.jobs.length;

    const answers = await Promise.all([
      reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' }),
      reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-2' }),
    ]);

    expect(answers.map((answer) => answer.reoffered).sort()).toEqual([false, true]);
    expect(answers.map((answer) => answer.outBillNo)).toEqual([`${claim.claimNo}A2`, `${claim.claimNo}A2`]);
    expect((await claimState(claim.claimId)).bills!.map((bill) => [bill.attempt, bill.state])).toEqual([
      [1, 'FAIL'],
      [2, 'CREATING'],
    ]);
    expect(medium.jobs.slice(jobsBefore).filter((job) => job.queue === CLAIM_QUEUES.notifyApproved)).toHaveLength(1);
  });

  it('while the bill still waits for the customer, a re-offer is refused and no second bill is opened', async () => {
    const claim = await offeredClaim();
    const jobsBefore = medium.jobs.length;

    await expect(reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' })).rejects.toMatchObject(
      { code: 'PAYOUT_BILL_NOT_FINAL' },
    );

    const state = await claimState(claim.claimId);
    expect(state).toMatchObject({ status: 'offered', payout_attempt: 1 });
    expect(state.bills).toEqual([{ no: claim.firstBill, attempt: 1, state: 'WAIT_USER_CONFIRM', amount: 20000 }]);
    // Only the look-up of the waiting bill again later; no new bill, no message.
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: PAYOUT_QUEUES.syncBill, data: { outBillNo: claim.firstBill } },
    ]);
  });

  it('a bill the customer confirmed meanwhile is recorded paid, not re-offered, and cannot be re-offered after', async () => {
    const claim = await offeredClaim(30000);
    await confirmAtWechat(claim, 'SUCCESS');
    const jobsBefore = medium.jobs.length;

    await expect(reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' })).rejects.toMatchObject(
      { code: 'PAYOUT_ALREADY_PAID' },
    );

    const state = await claimState(claim.claimId);
    expect(state).toMatchObject({ status: 'paid', paid_fen: 30000, payout_attempt: 1 });
    expect(state.bills).toEqual([{ no: claim.firstBill, attempt: 1, state: 'SUCCESS', amount: 30000 }]);
    expect(medium.jobs.length).toBe(jobsBefore);
    const paid = await stateOf(claim.claimId);

    await expect(reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' })).rejects.toMatchObject(
      { code: 'PAYOUT_NOT_REOFFERABLE' },
    );

    expect(await stateOf(claim.claimId)).toBe(paid);
    expect(paidAtWechat([claim.firstBill, `${claim.claimNo}A2`])).toEqual([[claim.firstBill, 30000]]);
  });

  it('a claim never offered, another attempt than the current one, or an unknown claim is refused with its code, and nothing changes', async () => {
    const approved = await addApprovedFlightClaim(medium);
    const failed = await offeredClaim();
    await confirmAtWechat(failed, 'FAIL');
    const before = [await stateOf(approved.claimId), await stateOf(failed.claimId)];
    const jobsBefore = medium.jobs.length;

    await expect(
      reoffer.execute({ claimId: approved.claimId, attempt: 0, requestedBy: 'staff-1' }),
    ).rejects.toMatchObject({ code: 'PAYOUT_NOT_REOFFERABLE' });
    await expect(
      reoffer.execute({ claimId: failed.claimId, attempt: 2, requestedBy: 'staff-1' }),
    ).rejects.toMatchObject({ code: 'PAYOUT_NOT_REOFFERABLE' });
    await expect(
      reoffer.execute({ claimId: '00000000-0000-4000-8000-000000000000', attempt: 1, requestedBy: 'staff-1' }),
    ).rejects.toMatchObject({ code: 'CLAIM_NOT_FOUND' });

    expect([await stateOf(approved.claimId), await stateOf(failed.claimId)]).toEqual(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('when WeChat cannot be asked, nothing is re-offered and nothing changes', async () => {
    const claim = await offeredClaim();
    await confirmAtWechat(claim, 'FAIL');
    const before = await stateOf(claim.claimId);
    const jobsBefore = medium.jobs.length;
    medium.sim.faults.set('transfer.query', { kind: 'system_error' });
    try {
      await expect(
        reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' }),
      ).rejects.toMatchObject({ code: 'PAYOUT_UNAVAILABLE' });
    } finally {
      medium.sim.faults.clear();
    }

    expect(await stateOf(claim.claimId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  // Last: moving WeChat's clock ends every bill still waiting in this simulator.
  it('a bill left unconfirmed for 24 h is re-offered once WeChat says it was cancelled', async () => {
    const claim = await offeredClaim(20000);
    medium.sim.advanceTime(24 * 3600 + 60);
    await untilWechatSays(claim.firstBill, 'CANCELLED');

    const result = await reoffer.execute({ claimId: claim.claimId, attempt: 1, requestedBy: 'staff-1' });

    expect(result).toMatchObject({ previousState: 'CANCELLED', attempt: 2, reoffered: true });
    expect((await claimState(claim.claimId)).bills!.map((bill) => [bill.attempt, bill.state])).toEqual([
      [1, 'CANCELLED'],
      [2, 'CREATING'],
    ]);
  });
});
