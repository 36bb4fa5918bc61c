import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CollectClaimUseCase } from '../../src/modules/payout/collect-claim.use-case.js';
import {
  PayoutBusyError,
  type CreateTransferBillUseCase,
} from '../../src/modules/payout/create-transfer-bill.use-case.js';
import type { PayoutBillRepository } from '../../src/modules/payout/payout-bill.repository.js';
import { addApprovedFlightClaim, openMedium, payoutOf, snapshot, type Medium } from '../support/medium.js';

/**
 * CreateTransferBillUseCase on a real PostgreSQL and the WeChat simulator over real HTTP: the
 * scene-1004 bill of a claim attempt is created at WeChat under the attempt's number, for the
 * bill's amount and the claim's customer; created again it is the same bill (never a second
 * payment); WeChat's errors are recorded on the bill, busy ones retried with the same number and
 * then handed back as PayoutBusyError, malformed ones not retried; an empty 100/s bucket calls
 * nothing. The bill row it creates for is opened by 拆红包 (CollectClaimUseCase) while WeChat
 * refuses the call once, so that it stays `CREATING` with nothing at WeChat.
 */
describe('CreateTransferBillUseCase', () => {
  let medium: Medium;
  let collect: CollectClaimUseCase;
  let creator: CreateTransferBillUseCase;
  let bills: PayoutBillRepository;
  const ONCE = { retries: 0, tokenWaitMs: 1000 };

  beforeAll(async () => {
    medium = await openMedium();
    const payout = payoutOf(medium);
    creator = payout.creator;
    bills = payout.bills;
    collect = new CollectClaimUseCase(
      medium.unitOfWork,
      payout.creator,
      payout.bills,
      medium.integrations,
      medium.clock,
      payout.claims,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** An approved claim whose attempt-1 bill is committed `CREATING`, WeChat having refused its first creation. */
  const creatingBill = async (payoutFen = 20000) => {
    const claim = await addApprovedFlightClaim(medium, payoutFen);
    medium.sim.faults.set('transfer.create', { kind: 'param_error' }, { times: 1 });
    try {
      await expect(collect.execute(claim.customer, claim.claimId)).rejects.toMatchObject({
        code: 'PAYOUT_UNAVAILABLE',
      });
    } finally {
      medium.sim.faults.clear();
    }
    const bill = (await bills.find(`${claim.claimNo}A1`))!;
    expect(bill).toMatchObject({ state: 'CREATING', attempt: 1, amount_fen: payoutFen });
    return { claim, bill };
  };
  /** What WeChat recorded for the bill number: each bill it opened (the simulator's ledger). */
  const billsAtWechat = (outBillNo: string) => [
    ...new Map(
      medium.sim.ledger
        .of('transfer')
        .filter((entry) => entry.outBillNo === outBillNo)
        .map((entry) => [entry.transferBillNo, { amount: entry.amount, openid: entry.openid, scene: entry.sceneId }]),
    ).values(),
  ];
  const errorOf = async (outBillNo: string) =>
    (
      await medium.db.query(
        `SELECT state, create_calls, last_error_code, last_error_retryable FROM payout_bills WHERE out_bill_no = $1`,
        [outBillNo],
      )
    ).rows[0];
  const claimAndBill = (claimId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(c) FROM claims c WHERE c.id = $1) AS claim,
              (SELECT json_agg(b ORDER BY b.attempt) FROM payout_bills b WHERE b.claim_id = $1) AS bills`,
      [claimId],
    );

  it("creates the claim's scene-1004 bill at WeChat for the bill's amount and the claim's customer, waiting for confirmation", async () => {
    const { claim, bill } = await creatingBill(23400);

    const created = await creator.create(bill, ONCE);

    expect(created).toMatchObject({
      outBillNo: bill.out_bill_no,
      state: 'WAIT_USER_CONFIRM',
      packageInfo: expect.any(String),
      transferBillNo: expect.any(String),
    });
    expect(billsAtWechat(bill.out_bill_no)).toEqual([{ amount: 23400, openid: claim.customer.openid, scene: '1004' }]);
    await expect(medium.adapters.transferBills.queryByOutBillNo(bill.out_bill_no)).resolves.toMatchObject({
      state: 'WAIT_USER_CONFIRM',
    });
  });

  it('creating the same bill again answers the same bill at WeChat, never a second one', async () => {
    const { bill } = await creatingBill();
    const first = await creator.create(bill, ONCE);

    const again = await creator.create(bill, ONCE);

    expect(again).toMatchObject({ transferBillNo: first.transferBillNo, state: 'WAIT_USER_CONFIRM' });
    expect(billsAtWechat(bill.out_bill_no)).toHaveLength(1);
  });

  it('WeChat busy once: retried with the same number, created once, the error recorded as retryable', async () => {
    const { bill } = await creatingBill();
    medium.sim.faults.set('transfer.create', { kind: 'system_error' }, { times: 1 });
    try {
      await expect(creator.create(bill, { retries: 1, tokenWaitMs: 1000 })).resolves.toMatchObject({
        state: 'WAIT_USER_CONFIRM',
      });
    } finally {
      medium.sim.faults.clear();
    }

    expect(billsAtWechat(bill.out_bill_no)).toHaveLength(1);
    expect(await errorOf(bill.out_bill_no)).toEqual({
      state: 'CREATING',
      create_calls: 2,
      last_error_code: 'SYSTEM_ERROR',
      last_error_retryable: true,
    });
  });

  it('WeChat still busy when the retries are spent: PayoutBusyError, nothing at WeChat, the claim unchanged', async () => {
    const { claim, bill } = await creatingBill();
    const before = await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claim.claimId]);
    medium.sim.faults.set('transfer.create', { kind: 'system_error' });
    try {
      const error = await creator.create(bill, ONCE).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PayoutBusyError);
      expect(error).toMatchObject({ reason: 'retryable', code: 'SYSTEM_ERROR' });
    } finally {
      medium.sim.faults.clear();
    }

    expect(billsAtWechat(bill.out_bill_no)).toEqual([]);
    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claim.claimId])).toBe(before);
    expect(await errorOf(bill.out_bill_no)).toEqual({
      state: 'CREATING',
      create_calls: 2,
      last_error_code: 'SYSTEM_ERROR',
      last_error_retryable: true,
    });
  });

  it('an operating account that cannot cover the payout is busy, not refused: PayoutBusyError NOT_ENOUGH, nothing paid', async () => {
    const { bill } = await creatingBill(20000);
    const balance = medium.sim.operatingBalance();
    medium.sim.setOperatingBalance(19999);
    try {
      await expect(creator.create(bill, ONCE)).rejects.toMatchObject({ reason: 'retryable', code: 'NOT_ENOUGH' });
    } finally {
      medium.sim.setOperatingBalance(balance);
    }

    expect(billsAtWechat(bill.out_bill_no)).toEqual([]);
    expect(await errorOf(bill.out_bill_no)).toMatchObject({
      state: 'CREATING',
      last_error_code: 'NOT_ENOUGH',
      last_error_retryable: true,
    });
  });

  it('a request WeChat refuses as malformed is not retried: its error is recorded as not retryable and thrown', async () => {
    const { bill } = await creatingBill();
    const calls = (await errorOf(bill.out_bill_no))!.create_calls as number;
    medium.sim.faults.set('transfer.create', { kind: 'param_error' }, { times: 1 });
    try {
      await expect(creator.create(bill, { retries: 3, tokenWaitMs: 1000 })).rejects.toMatchObject({
        name: 'WechatPayError',
        code: 'PARAM_ERROR',
      });
    } finally {
      medium.sim.faults.clear();
    }

    expect(billsAtWechat(bill.out_bill_no)).toEqual([]);
    expect(await errorOf(bill.out_bill_no)).toEqual({
      state: 'CREATING',
      create_calls: calls + 1,
      last_error_code: 'PARAM_ERROR',
      last_error_retryable: false,
    });
  });

  it('with the 100/s bucket empty, WeChat is not called and the creation is deferred (LOCAL_RATE_LIMIT)', async () => {
    const { claim, bill } = await creatingBill();
    const before = await claimAndBill(claim.claimId);
    await medium.db.query(
      `UPDATE token_buckets SET tokens = 0, refill_per_second = 0.000001, refilled_at = now() WHERE name = 'wechatpay.transfer_bills'`,
    );
    try {
      await expect(creator.create(bill, { retries: 0, tokenWaitMs: 0 })).rejects.toMatchObject({
        reason: 'rate_limited',
        code: 'LOCAL_RATE_LIMIT',
      });
    } finally {
      await medium.db.query(
        `UPDATE token_buckets SET tokens = capacity, refill_per_second = 100, refilled_at = now() WHERE name = 'wechatpay.transfer_bills'`,
      );
    }

    expect(billsAtWechat(bill.out_bill_no)).toEqual([]);
    expect(await claimAndBill(claim.claimId)).toBe(before);
  });
});
