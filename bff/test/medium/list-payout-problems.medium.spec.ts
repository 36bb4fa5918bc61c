import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CollectClaimUseCase } from '../../src/modules/payout/collect-claim.use-case.js';
import { ListPayoutProblemsUseCase } from '../../src/modules/payout/list-payout-problems.use-case.js';
import type { PayoutBillRepository } from '../../src/modules/payout/payout-bill.repository.js';
import type { EndpointFault } from '../../sim/state/fault-switches.js';
import { addApprovedFlightClaim, openMedium, payoutOf, snapshot, type Medium } from '../support/medium.js';

/**
 * ListPayoutProblemsUseCase on a real PostgreSQL, the bills opened by 拆红包 (CollectClaimUseCase)
 * against the WeChat simulator with its faults: support's money desk lists the bills WeChat did not
 * create as asked (still `CREATING` after an error, or abandoned), the ones that need fixing first,
 * newest first, and never a bill WeChat created. Reading changes nothing.
 */
describe('ListPayoutProblemsUseCase', () => {
  let medium: Medium;
  let collect: CollectClaimUseCase;
  let bills: PayoutBillRepository;
  let list: ListPayoutProblemsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const payout = payoutOf(medium);
    bills = payout.bills;
    collect = new CollectClaimUseCase(
      medium.unitOfWork,
      payout.creator,
      payout.bills,
      medium.integrations,
      medium.clock,
      payout.claims,
    );
    list = new ListPayoutProblemsUseCase(medium.dataSource);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A claim collected while WeChat answered `fault` (or normally): its attempt-1 bill number. */
  const collected = async (fault: EndpointFault | null, payoutFen = 20000) => {
    const claim = await addApprovedFlightClaim(medium, payoutFen);
    if (fault) medium.sim.faults.set('transfer.create', fault);
    try {
      await collect.execute(claim.customer, claim.claimId).catch(() => undefined);
    } finally {
      medium.sim.faults.clear();
    }
    return { ...claim, outBillNo: `${claim.claimNo}A1` };
  };

  it('lists the bills WeChat did not create, those needing a fix first, newest first, never a created one', async () => {
    const abandoned = await collected({ kind: 'param_error' }, 22000);
    const malformed = await collected({ kind: 'param_error' }, 21000);
    await expect(bills.abandon(abandoned.outBillNo, new Date(Date.now() + 60_000))).resolves.toBe(true);
    // The newest problem, but one a retry may fix: listed after those needing a fix.
    const busy = await collected({ kind: 'system_error' }, 20000);
    const fine = await collected(null);

    const problems = await list.execute(100);

    const mine = problems.filter((problem) =>
      [busy, malformed, abandoned, fine].some((claim) => claim.outBillNo === problem.outBillNo),
    );
    expect(mine).toEqual([
      {
        outBillNo: abandoned.outBillNo,
        claimId: abandoned.claimId,
        claimNo: abandoned.claimNo,
        attempt: 1,
        amountFen: 22000,
        state: 'ABANDONED',
        errorCode: 'PARAM_ERROR',
        error: expect.any(String),
        retryable: false,
        createCalls: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      expect.objectContaining({
        outBillNo: malformed.outBillNo,
        state: 'CREATING',
        errorCode: 'PARAM_ERROR',
        retryable: false,
      }),
      expect.objectContaining({
        outBillNo: busy.outBillNo,
        state: 'CREATING',
        amountFen: 20000,
        errorCode: 'SYSTEM_ERROR',
        retryable: true,
        createCalls: 2,
      }),
    ]);
    // Retryable ones come after every one that needs fixing.
    const firstRetryable = problems.findIndex((problem) => problem.retryable === true);
    expect(problems.slice(firstRetryable).every((problem) => problem.retryable === true)).toBe(true);
  });

  it('answers at most the number asked for, the first of the order, and changes nothing', async () => {
    await collected({ kind: 'param_error' });
    await collected({ kind: 'param_error' });
    const before = await snapshot(medium.db, `SELECT * FROM payout_bills ORDER BY out_bill_no`);
    const all = await list.execute(100);

    const first = await list.execute(1);

    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(first).toEqual(all.slice(0, 1));
    expect(await snapshot(medium.db, `SELECT * FROM payout_bills ORDER BY out_bill_no`)).toBe(before);
  });
});
