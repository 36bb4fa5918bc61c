import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { WechatPayError } from '../../src/integrations/wechat-pay/wechat-pay.error.js';
import { CollectClaimUseCase } from '../../src/modules/payout/collect-claim.use-case.js';
import { PAYOUT_QUEUES } from '../../src/modules/payout/payout.queues.js';
import { ResolveCreatingBillsUseCase } from '../../src/modules/payout/resolve-creating-bills.use-case.js';
import { addApprovedFlightClaim, openMedium, payoutOf, snapshot, type Medium } from '../support/medium.js';

/**
 * ResolveCreatingBillsUseCase on a real PostgreSQL and the WeChat simulator over real HTTP: a 拆
 * whose creation call failed (the simulator's faults) leaves the claim's bill in CREATING, and the
 * sweep resolves it by WeChat's answer, exactly once: adopted if WeChat holds it after all, created
 * again under the same number after a retryable error, abandoned (so that the next 拆 uses a new
 * number) only when WeChat refused it as malformed and holds none; left alone while WeChat cannot be
 * asked or a 拆 has just touched it.
 */
describe('ResolveCreatingBillsUseCase', () => {
  let medium: Medium;
  let collect: CollectClaimUseCase;
  let resolver: ResolveCreatingBillsUseCase;

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
    resolver = new ResolveCreatingBillsUseCase(
      medium.dataSource,
      payout.bills,
      medium.adapters.transferBills,
      payout.bucket,
      payout.sync,
    );
  });
  afterEach(() => medium.sim.faults.clear());
  afterAll(async () => {
    await medium?.close();
  });

  /** Every bill in CREATING, whatever its age (a bill untouched for 2 min, without the wait). */
  const sweep = () => resolver.execute({ olderThanMs: -1000 });
  const none = { adopted: 0, created: 0, abandoned: 0, left: 0 };
  const stateOf = (claimId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(c) FROM claims c WHERE c.id = $1) AS claim,
              (SELECT json_agg(b ORDER BY b.attempt) FROM payout_bills b WHERE b.claim_id = $1) AS bills`,
      [claimId],
    );
  const billsOf = async (claimId: string) =>
    (
      await medium.db.query<{
        no: string;
        attempt: number;
        state: string;
        error: string | null;
        retryable: boolean | null;
      }>(
        `SELECT out_bill_no AS no, attempt, state, last_error_code AS error, last_error_retryable AS retryable
           FROM payout_bills WHERE claim_id = $1 ORDER BY attempt`,
        [claimId],
      )
    ).rows;
  const claimOf = async (claimId: string) =>
    (
      await medium.db.query<{ status: string; payout_attempt: number; paid_fen: number }>(
        `SELECT status, payout_attempt, paid_fen FROM claims WHERE id = $1`,
        [claimId],
      )
    ).rows[0]!;
  /** What WeChat holds under the number: its state, or the error code of the look-up. */
  const atWechat = (outBillNo: string) =>
    medium.adapters.transferBills.queryByOutBillNo(outBillNo).then(
      (bill) => bill.state,
      (error: unknown) => (error instanceof WechatPayError ? error.code : Promise.reject(error)),
    );
  /** An approved claim whose 拆 met the given fault on the creation call. */
  const failedCollect = async (
    fault: Parameters<Medium['sim']['faults']['set']>[1],
    times: number,
    refusal: string,
  ) => {
    const claim = await addApprovedFlightClaim(medium);
    medium.sim.faults.set('transfer.create', fault, { times });
    await expect(collect.execute(claim.customer, claim.claimId)).rejects.toMatchObject({ code: refusal });
    medium.sim.faults.clear();
    return { ...claim, outBillNo: `${claim.claimNo}A1` };
  };

  it('a bill WeChat refused as malformed and does not hold is abandoned once, and the next 拆 offers a new number', async () => {
    const claim = await failedCollect({ kind: 'param_error' }, 1, 'PAYOUT_UNAVAILABLE');
    expect(await billsOf(claim.claimId)).toEqual([
      { no: claim.outBillNo, attempt: 1, state: 'CREATING', error: 'PARAM_ERROR', retryable: false },
    ]);
    expect(await atWechat(claim.outBillNo)).toBe('NOT_FOUND');

    expect(await sweep()).toEqual({ ...none, abandoned: 1 });

    expect(await billsOf(claim.claimId)).toEqual([
      { no: claim.outBillNo, attempt: 1, state: 'ABANDONED', error: 'PARAM_ERROR', retryable: false },
    ]);
    // The money is not hidden: the claim is still collectable, for its whole amount.
    expect(await claimOf(claim.claimId)).toEqual({ status: 'approved', payout_attempt: 1, paid_fen: 0 });
    const once = await stateOf(claim.claimId);

    expect(await sweep()).toEqual(none);
    expect(await stateOf(claim.claimId)).toBe(once);

    await collect.execute(claim.customer, claim.claimId);
    expect((await billsOf(claim.claimId)).map((bill) => [bill.no, bill.state])).toEqual([
      [claim.outBillNo, 'ABANDONED'],
      [`${claim.claimNo}A2`, 'WAIT_USER_CONFIRM'],
    ]);
    expect(await atWechat(claim.outBillNo)).toBe('NOT_FOUND');
  });

  it('a bill WeChat created although its answer was lost is adopted as WeChat holds it, never replaced by a second', async () => {
    const claim = await failedCollect({ kind: 'answer_lost', code: 'PARAM_ERROR' }, 1, 'PAYOUT_UNAVAILABLE');
    expect((await billsOf(claim.claimId)).map((bill) => [bill.state, bill.retryable])).toEqual([['CREATING', false]]);
    expect(await atWechat(claim.outBillNo)).toBe('WAIT_USER_CONFIRM');

    expect(await sweep()).toEqual({ ...none, adopted: 1 });

    expect((await billsOf(claim.claimId)).map((bill) => [bill.no, bill.state])).toEqual([
      [claim.outBillNo, 'WAIT_USER_CONFIRM'],
    ]);
    expect(await claimOf(claim.claimId)).toMatchObject({ status: 'offered', payout_attempt: 1 });
    const once = await stateOf(claim.claimId);
    expect(await sweep()).toEqual(none);
    expect(await stateOf(claim.claimId)).toBe(once);

    // The next 拆 offers that same bill, which pays once.
    const offer = await collect.execute(claim.customer, claim.claimId);
    medium.sim.confirmTransfer({ package: offer.package, openid: claim.customer.openid });
    for (let i = 0; i < 200 && (await atWechat(claim.outBillNo)) !== 'SUCCESS'; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(
      medium.sim.ledger
        .of('transfer')
        .filter((entry) => entry.outBillNo.startsWith(claim.claimNo) && entry.state === 'SUCCESS')
        .map((entry) => [entry.outBillNo, entry.amount]),
    ).toEqual([[claim.outBillNo, 20000]]);
  });

  it('a bill left CREATING by a retryable error is created again under the same number, once', async () => {
    const jobsBefore = medium.jobs.length;
    // Both inline tries meet SYSTEM_ERROR: the 拆 answers "busy" and a job is due to finish it.
    const claim = await failedCollect({ kind: 'system_error' }, 2, 'PAYOUT_BUSY');
    expect(medium.jobs.slice(jobsBefore)).toContainEqual({
      queue: PAYOUT_QUEUES.createBill,
      data: { outBillNo: claim.outBillNo },
    });
    expect((await billsOf(claim.claimId)).map((bill) => [bill.state, bill.error, bill.retryable])).toEqual([
      ['CREATING', 'SYSTEM_ERROR', true],
    ]);
    expect(await atWechat(claim.outBillNo)).toBe('NOT_FOUND');

    expect(await sweep()).toEqual({ ...none, created: 1 });

    expect((await billsOf(claim.claimId)).map((bill) => [bill.no, bill.state])).toEqual([
      [claim.outBillNo, 'WAIT_USER_CONFIRM'],
    ]);
    expect(await claimOf(claim.claimId)).toMatchObject({ status: 'offered', payout_attempt: 1 });
    expect(await atWechat(claim.outBillNo)).toBe('WAIT_USER_CONFIRM');
    const once = await stateOf(claim.claimId);
    expect(await sweep()).toEqual(none);
    expect(await stateOf(claim.claimId)).toBe(once);
  });

  it('while WeChat cannot be asked, the bill is left as it was for the next run, which resolves it', async () => {
    const claim = await failedCollect({ kind: 'param_error' }, 1, 'PAYOUT_UNAVAILABLE');
    const before = await stateOf(claim.claimId);
    medium.sim.faults.set('transfer.query', { kind: 'system_error' });

    expect(await sweep()).toEqual({ ...none, left: 1 });

    expect(await stateOf(claim.claimId)).toBe(before);
    medium.sim.faults.clear();
    expect(await sweep()).toEqual({ ...none, abandoned: 1 });
  });

  it('a bill a 拆 touched in the last two minutes is not swept, and nothing changes', async () => {
    const claim = await failedCollect({ kind: 'param_error' }, 1, 'PAYOUT_UNAVAILABLE');
    const before = await stateOf(claim.claimId);

    expect(await resolver.execute()).toEqual(none);

    expect(await stateOf(claim.claimId)).toBe(before);
    expect(await sweep()).toEqual({ ...none, abandoned: 1 });
  });
});
