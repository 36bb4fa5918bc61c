import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import type { WechatPayAdapters } from '../../src/integrations/wechat-pay/wechat-pay.adapters.js';
import type { VerifiedNotification } from '../../src/integrations/wechat-pay/notification-verifier.js';
import type { WechatPayTransferNotification } from '../../src/integrations/wechat-pay/wechat-pay.schemas.js';
import { RecordRewardTransferOutcomeUseCase } from '../../src/modules/campaign/record-reward-transfer-outcome.use-case.js';
import { RewardBillRepository } from '../../src/modules/campaign/reward-bill.repository.js';
import { CollectClaimUseCase } from '../../src/modules/payout/collect-claim.use-case.js';
import { PAYOUT_QUEUES } from '../../src/modules/payout/payout.queues.js';
import { RecordTransferOutcomeUseCase } from '../../src/modules/payout/record-transfer-outcome.use-case.js';
import { SyncPayoutBillUseCase } from '../../src/modules/payout/sync-payout-bill.use-case.js';
import { addApprovedFlightClaim, openMedium, payoutOf, snapshot, type Medium } from '../support/medium.js';

type TransferNotification = VerifiedNotification<WechatPayTransferNotification>;

/**
 * Payout on a real PostgreSQL and the WeChat simulator over real HTTP: 拆红包 (CollectClaimUseCase)
 * opens one transfer bill per claim attempt, the simulator's signed MCHTRANSFER.BILL.FINISHED
 * notification is verified and recorded (RecordTransferOutcomeUseCase), SUCCESS marks the claim
 * paid once, FAIL offers it again under the next attempt's bill number.
 */
describe('CollectClaimUseCase and the transfer-bill outcome', () => {
  let sim: RunningSimulator;
  let receiver: Server;
  let medium: Medium;
  let collect: CollectClaimUseCase;
  let record: RecordTransferOutcomeUseCase;
  let adapters: WechatPayAdapters;
  let sync: SyncPayoutBillUseCase;
  /** Every transfer notification the simulator delivered, as verified, in order. */
  const delivered: TransferNotification[] = [];
  /** Off: the endpoint answers 500 without recording (a notification that never gets through). */
  let receiving = true;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    // The BFF's transfer notify endpoint, reduced to what its controller does: verify the raw
    // bytes, record the outcome, answer 204 (or 500 so that WeChat retries).
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (!receiving) return void response.writeHead(500).end();
        const body = Buffer.concat(chunks).toString('utf8');
        adapters.notifications
          .transferBill(request.headers as Record<string, string>, body)
          .then(async (notification) => {
            await record.execute(notification);
            delivered.push(notification);
            response.writeHead(204).end();
          })
          .catch(() => response.writeHead(500).end());
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    medium = await openMedium({ sim, publicBaseUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` });
    const { integrations } = medium;
    adapters = medium.adapters;
    const { claims, bills, creator, sync: syncBills } = payoutOf(medium);
    sync = syncBills;
    collect = new CollectClaimUseCase(medium.unitOfWork, creator, bills, integrations, medium.clock, claims);
    record = new RecordTransferOutcomeUseCase(
      medium.unitOfWork,
      bills,
      new RecordRewardTransferOutcomeUseCase(new RewardBillRepository(medium.dataSource)),
      integrations,
    );
  });
  afterAll(async () => {
    await medium?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    await sim?.close();
  });

  const approvedClaim = (payoutFen = 20000) => addApprovedFlightClaim(medium, payoutFen);
  const claimState = async (claimId: string) =>
    (
      await medium.db.query<{
        status: string;
        paid_fen: number;
        payout_attempt: number;
        bills: { no: string; attempt: number; state: string; amount: number }[] | null;
      }>(
        `SELECT c.status, c.paid_fen, c.payout_attempt,
                (SELECT json_agg(json_build_object('no', b.out_bill_no, 'attempt', b.attempt, 'state', b.state, 'amount', b.amount_fen) ORDER BY b.attempt)
                   FROM payout_bills b WHERE b.claim_id = c.id) AS bills
           FROM claims c WHERE c.id = $1`,
        [claimId],
      )
    ).rows[0]!;
  const waitForOutcome = async (outBillNo: string): Promise<TransferNotification> => {
    for (let i = 0; i < 200; i += 1) {
      const found = delivered.find((notification) => notification.resource.out_bill_no === outBillNo);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no transfer notification for ${outBillNo}`);
  };

  it('collecting opens one bill for the claim and offers it; collecting again re-offers the same bill', async () => {
    const { claimId, customer } = await approvedClaim(20000);
    const jobsBefore = medium.jobs.length;

    const first = await collect.execute(customer, claimId);
    const second = await collect.execute(customer, claimId);

    expect(first).toMatchObject({
      appId: medium.integrations.wechatPay.appid,
      openId: customer.openid,
      package: expect.any(String),
    });
    expect(second.package).toEqual(expect.any(String));
    const state = await claimState(claimId);
    expect(state).toMatchObject({ status: 'offered', paid_fen: 0, payout_attempt: 1 });
    expect(state.bills).toEqual([{ no: expect.any(String), attempt: 1, state: 'WAIT_USER_CONFIRM', amount: 20000 }]);
    // One look-up of the bill after its 24 h, for the one bill.
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: PAYOUT_QUEUES.syncBill, data: { outBillNo: state.bills![0]!.no } },
    ]);
  });

  it('the user confirms: the SUCCESS notification marks the claim paid once, a repeated notification changes nothing, and the claim cannot be collected again', async () => {
    const { claimId, customer } = await approvedClaim(30000);
    const offer = await collect.execute(customer, claimId);

    sim.confirmTransfer({ package: offer.package, openid: customer.openid });
    const outBillNo = (await claimState(claimId)).bills![0]!.no;
    const notification = await waitForOutcome(outBillNo);

    expect(notification.resource).toMatchObject({ state: 'SUCCESS', transfer_amount: 30000 });
    const paid = await claimState(claimId);
    expect(paid).toMatchObject({ status: 'paid', paid_fen: 30000, payout_attempt: 1 });
    expect(paid.bills).toEqual([{ no: outBillNo, attempt: 1, state: 'SUCCESS', amount: 30000 }]);
    const once = await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claimId]);

    await record.execute(notification);
    await record.execute({ ...notification, id: `${notification.id}-again` });

    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claimId])).toBe(once);
    await expect(collect.execute(customer, claimId)).rejects.toMatchObject({ code: 'CLAIM_NOT_COLLECTABLE' });
    expect((await claimState(claimId)).bills).toHaveLength(1);
  });

  it('a FAIL outcome makes the claim collectable again under the next attempt, which then pays it once', async () => {
    const { claimId, customer } = await approvedClaim(20000);
    const firstOffer = await collect.execute(customer, claimId);
    sim.confirmTransfer({
      package: firstOffer.package,
      openid: customer.openid,
      outcome: 'FAIL',
      failReason: 'ACCOUNT_FROZEN',
    });
    const firstBill = (await claimState(claimId)).bills![0]!.no;
    await waitForOutcome(firstBill);
    expect(await claimState(claimId)).toMatchObject({ status: 'failed', paid_fen: 0 });

    const secondOffer = await collect.execute(customer, claimId);
    const afterReoffer = await claimState(claimId);
    expect(afterReoffer).toMatchObject({ status: 'offered', payout_attempt: 2 });
    expect(afterReoffer.bills).toEqual([
      { no: firstBill, attempt: 1, state: 'FAIL', amount: 20000 },
      { no: expect.not.stringMatching(firstBill), attempt: 2, state: 'WAIT_USER_CONFIRM', amount: 20000 },
    ]);

    sim.confirmTransfer({ package: secondOffer.package, openid: customer.openid });
    await waitForOutcome(afterReoffer.bills![1]!.no);
    expect(await claimState(claimId)).toMatchObject({ status: 'paid', paid_fen: 20000, payout_attempt: 2 });
  });

  it('a notification that does not match its bill (another amount) is refused and changes nothing', async () => {
    const { claimId, customer } = await approvedClaim(20000);
    const offer = await collect.execute(customer, claimId);
    sim.confirmTransfer({ package: offer.package, openid: customer.openid });
    const outBillNo = (await claimState(claimId)).bills![0]!.no;
    const genuine = await waitForOutcome(outBillNo);
    // That genuine report, moved onto another claim's bill and amount: refused for the amount.
    const { claimId: otherClaim, customer: otherCustomer } = await approvedClaim(20000);
    await collect.execute(otherCustomer, otherClaim);
    const otherBill = (await claimState(otherClaim)).bills![0]!.no;
    const before = await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [otherClaim]);

    await expect(
      record.execute({
        ...genuine,
        id: `${genuine.id}-forged`,
        resource: { ...genuine.resource, out_bill_no: otherBill, openid: otherCustomer.openid, transfer_amount: 20001 },
      }),
    ).rejects.toMatchObject({ code: 'NOTIFY_MISMATCH' });

    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [otherClaim])).toBe(before);
    expect((await claimState(otherClaim)).bills).toEqual([
      { no: otherBill, attempt: 1, state: 'WAIT_USER_CONFIRM', amount: 20000 },
    ]);
  });

  it('when no notification gets through, looking the bill up applies the SUCCESS once', async () => {
    const { claimId, customer } = await approvedClaim(20000);
    const offer = await collect.execute(customer, claimId);
    const outBillNo = (await claimState(claimId)).bills![0]!.no;
    receiving = false;
    try {
      sim.confirmTransfer({ package: offer.package, openid: customer.openid });
      // The simulator finishes the bill a moment after the confirmation.
      let state: string | null = null;
      for (let i = 0; i < 100 && state !== 'SUCCESS'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        state = await sync.sync(outBillNo);
      }
      expect(state).toBe('SUCCESS');
    } finally {
      receiving = true;
    }

    expect(await claimState(claimId)).toMatchObject({ status: 'paid', paid_fen: 20000 });
    const once = await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claimId]);
    await expect(sync.sync(outBillNo)).resolves.toBe('SUCCESS');
    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claimId])).toBe(once);
  });

  it('a bill left unconfirmed for 24 h ends CANCELLED and the claim is offered again under the next attempt', async () => {
    const { claimId, customer } = await approvedClaim(20000);
    await collect.execute(customer, claimId);
    const firstBill = (await claimState(claimId)).bills![0]!.no;

    sim.advanceTime(24 * 3600 + 60);
    await waitForOutcome(firstBill);

    expect(await claimState(claimId)).toMatchObject({ status: 'expired', paid_fen: 0, payout_attempt: 1 });
    const offer = await collect.execute(customer, claimId);
    expect(offer.package).toEqual(expect.any(String));
    const state = await claimState(claimId);
    expect(state).toMatchObject({ status: 'offered', payout_attempt: 2 });
    expect(state.bills!.map((bill) => [bill.attempt, bill.state])).toEqual([
      [1, 'CANCELLED'],
      [2, 'WAIT_USER_CONFIRM'],
    ]);
  });
});
