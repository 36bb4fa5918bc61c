import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CollectRewardUseCase } from '../../src/modules/campaign/collect-reward.use-case.js';
import { ReviewRewardUseCase } from '../../src/modules/campaign/review-reward.use-case.js';
import { RewardBillRepository } from '../../src/modules/campaign/reward-bill.repository.js';
import { SyncRewardBillUseCase } from '../../src/modules/campaign/sync-reward-bill.use-case.js';
import { TransferRateBucket } from '../../src/modules/payout/transfer-rate.bucket.js';
import {
  campaignSteps,
  customerOf,
  inviteFlowOf,
  type CampaignSteps,
  type InviteFlow,
} from '../support/medium-campaign.js';
import { addCustomer, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * ReviewRewardUseCase (an admin decides a cash reward held for risk) on a real PostgreSQL and the
 * WeChat simulator, on rewards earned the way sharers earn them: a published 5 元 campaign, a friend
 * bound by the sharer's code reading a product's terms, WeChat ranking the friend risky (rank 4) so
 * the reward is held for review with its 5 元 already taken from the budget. Approving makes it
 * pending (payable after the hold); rejecting gives the 5 元 back to the budget, once. A reward not
 * in review — granted, decided already, or paid — is refused and nothing changes: no budget is
 * released twice and nothing paid is taken back into the budget.
 */
describe('ReviewRewardUseCase', () => {
  let medium: Medium;
  let steps: CampaignSteps;
  let flow: InviteFlow;
  let review: ReviewRewardUseCase;
  let campaignId: string;

  beforeAll(async () => {
    medium = await openMedium();
    steps = await campaignSteps(medium);
    flow = inviteFlowOf(medium);
    review = new ReviewRewardUseCase(medium.unitOfWork, flow.rewards, steps.audit);
    campaignId = await steps.published();
  });
  afterAll(async () => {
    await flow?.close();
    await medium?.close();
  });

  /** A sharer's 5 元 reward for a friend WeChat ranks `riskRank` (4: held for review; 0: granted). */
  const rewardFor = async (riskRank: number) => {
    const sharer = await addCustomer(medium.db);
    const friend = await addCustomer(medium.db);
    await flow.bind(sharer, friend, campaignId);
    await flow.readTerms(friend, riskRank);
    const { rows } = await medium.db.query<{ id: string; status: string }>(
      `SELECT id::text, status FROM campaign_rewards WHERE campaign_id = $1 AND beneficiary_id = $2`,
      [campaignId, sharer.id],
    );
    expect(rows).toEqual([{ id: expect.any(String), status: riskRank >= 4 ? 'review' : 'pending' }]);
    return { sharer, rewardId: rows[0]!.id };
  };
  const spentFen = async () =>
    Number(
      (await medium.db.query<{ spent_fen: string }>(`SELECT spent_fen FROM campaigns WHERE id = $1`, [campaignId]))
        .rows[0]!.spent_fen,
    );
  const rewardOf = async (rewardId: string) =>
    (
      await medium.db.query(
        `SELECT status, amount_fen, reviewed_by, review_reason FROM campaign_rewards WHERE id = $1`,
        [rewardId],
      )
    ).rows[0];
  const auditOf = async (rewardId: string) =>
    (
      await medium.db.query(
        `SELECT action, username, resource_type, detail FROM staff_audit_log WHERE resource_id = $1 ORDER BY id`,
        [rewardId],
      )
    ).rows;
  /** The reward, its bills, the campaign's budget and the reward's audit trail. */
  const stateOf = (rewardId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(r) FROM campaign_rewards r WHERE r.id = $1) AS reward,
              (SELECT json_agg(b ORDER BY b.attempt) FROM campaign_reward_bills b WHERE b.reward_id = $1) AS bills,
              (SELECT json_build_object('spent', spent_fen, 'budget', budget_fen) FROM campaigns WHERE id = $2) AS campaign,
              (SELECT json_agg(a ORDER BY a.id) FROM staff_audit_log a WHERE a.resource_id = $1::text) AS audit`,
      [rewardId, campaignId],
    );

  const untilWechatSays = async (outBillNo: string, state: string) => {
    for (let i = 0; i < 200; i += 1) {
      if ((await medium.adapters.transferBills.queryByOutBillNo(outBillNo)).state === state) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`WeChat never said ${state} for ${outBillNo}`);
  };

  it('approving a held reward makes it pending for the sharer, keeps its 5 元 charged to the budget, with an audit row', async () => {
    const { rewardId } = await rewardFor(4);
    const spent = await spentFen();

    const row = await review.execute(steps.admin, rewardId, { decision: 'approve', reason: '人工核实为真实好友' });

    expect(row).toMatchObject({ id: rewardId, status: 'pending', amount_fen: 500 });
    expect(await rewardOf(rewardId)).toEqual({
      status: 'pending',
      amount_fen: 500,
      reviewed_by: steps.admin.username,
      review_reason: '人工核实为真实好友',
    });
    expect(await spentFen()).toBe(spent);
    expect(await auditOf(rewardId)).toEqual([
      {
        action: 'campaign_reward_approve',
        username: steps.admin.username,
        resource_type: 'campaign_reward',
        detail: { reason: '人工核实为真实好友' },
      },
    ]);
  });

  it('rejecting a held reward gives its 5 元 back to the budget, with an audit row', async () => {
    const { rewardId } = await rewardFor(4);
    const spent = await spentFen();

    const row = await review.execute(steps.admin, rewardId, { decision: 'reject', reason: '同一设备批量注册' });

    expect(row).toMatchObject({ status: 'rejected' });
    expect(await rewardOf(rewardId)).toMatchObject({ status: 'rejected', review_reason: '同一设备批量注册' });
    expect(await spentFen()).toBe(spent - 500);
    expect(await auditOf(rewardId)).toEqual([
      expect.objectContaining({ action: 'campaign_reward_reject', detail: { reason: '同一设备批量注册' } }),
    ]);
  });

  it.each([
    ['rejected', 'reject', 'reject'],
    ['rejected', 'reject', 'approve'],
    ['approved', 'approve', 'reject'],
    ['approved', 'approve', 'approve'],
  ] as const)(
    'a reward already %s cannot be decided again (%s, then %s): refused, the budget moved once, nothing changes',
    async (_label, first, second) => {
      const { rewardId } = await rewardFor(4);
      await review.execute(steps.admin, rewardId, { decision: first, reason: '第一次审核' });
      const once = await stateOf(rewardId);

      await expect(
        review.execute(steps.admin, rewardId, { decision: second, reason: '第二次审核' }),
      ).rejects.toMatchObject({ code: 'CAMPAIGN_REWARD_NOT_FOUND' });

      expect(await stateOf(rewardId)).toBe(once);
    },
  );

  it('two admins rejecting the same reward at once: one decides, the other is refused, and the budget gets 5 元 back once', async () => {
    const { rewardId } = await rewardFor(4);
    const spent = await spentFen();

    const outcomes = await Promise.allSettled([
      review.execute(steps.admin, rewardId, { decision: 'reject', reason: '甲' }),
      review.execute(steps.admin, rewardId, { decision: 'reject', reason: '乙' }),
    ]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
      reason: { code: 'CAMPAIGN_REWARD_NOT_FOUND' },
    });
    expect(await spentFen()).toBe(spent - 500);
    expect((await auditOf(rewardId)).map((a) => a.action)).toEqual(['campaign_reward_reject']);
  });

  it('a reward granted without review is not in review: refused, and nothing changes', async () => {
    const { rewardId } = await rewardFor(0);
    const before = await stateOf(rewardId);

    await expect(review.execute(steps.admin, rewardId, { decision: 'reject', reason: '误操作' })).rejects.toMatchObject(
      { code: 'CAMPAIGN_REWARD_NOT_FOUND' },
    );

    expect(await stateOf(rewardId)).toBe(before);
  });

  it('a reward approved, collected and paid cannot be rejected afterwards: its 5 元 stay spent, paid once', async () => {
    const { sharer, rewardId } = await rewardFor(4);
    await review.execute(steps.admin, rewardId, { decision: 'approve', reason: '真实好友' });
    const bills = new RewardBillRepository(medium.dataSource);
    const bucket = new TransferRateBucket(medium.dataSource);
    const offer = await new CollectRewardUseCase(
      medium.unitOfWork,
      bills,
      medium.adapters.transferBills,
      bucket,
      medium.integrations,
    ).execute(customerOf(sharer), rewardId);
    const {
      rows: [bill],
    } = await medium.db.query<{ out_bill_no: string }>(
      `SELECT out_bill_no FROM campaign_reward_bills WHERE reward_id = $1`,
      [rewardId],
    );
    medium.sim.confirmTransfer({ package: offer.package, openid: sharer.openid });
    await untilWechatSays(bill!.out_bill_no, 'SUCCESS');
    const sync = new SyncRewardBillUseCase(bills, medium.adapters.transferBills, bucket, medium.queue);
    await expect(sync.sync(bill!.out_bill_no)).resolves.toBe('SUCCESS');
    expect(await rewardOf(rewardId)).toMatchObject({ status: 'paid' });
    const before = await stateOf(rewardId);

    await expect(
      review.execute(steps.admin, rewardId, { decision: 'reject', reason: '事后发现异常' }),
    ).rejects.toMatchObject({ code: 'CAMPAIGN_REWARD_NOT_FOUND' });

    expect(await stateOf(rewardId)).toBe(before);
    expect(
      medium.sim.ledger
        .of('transfer')
        .filter((entry) => entry.outBillNo === bill!.out_bill_no && entry.state === 'SUCCESS')
        .map((entry) => entry.amount),
    ).toEqual([500]);
  });

  it('an unknown reward is not found, and nothing is written', async () => {
    const before = await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
    const spent = await spentFen();

    await expect(
      review.execute(steps.admin, '00000000-0000-4000-8000-000000000000', { decision: 'reject', reason: '无' }),
    ).rejects.toMatchObject({ code: 'CAMPAIGN_REWARD_NOT_FOUND' });

    expect(await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`)).toBe(before);
    expect(await spentFen()).toBe(spent);
  });
});
