import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { campaignDefinitionSchema } from '@xiaoan/shared';
import { createWechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import { CampaignRepository } from '../../src/modules/campaign/campaign.repository.js';
import { CollectRewardUseCase } from '../../src/modules/campaign/collect-reward.use-case.js';
import { CreateCampaignUseCase } from '../../src/modules/campaign/create-campaign.use-case.js';
import { InviteRepository } from '../../src/modules/campaign/invite.repository.js';
import { RecordCampaignActionUseCase } from '../../src/modules/campaign/record-campaign-action.use-case.js';
import { ReviewCampaignUseCase } from '../../src/modules/campaign/review-campaign.use-case.js';
import { RewardBillRepository } from '../../src/modules/campaign/reward-bill.repository.js';
import { RewardRepository } from '../../src/modules/campaign/reward.repository.js';
import { SubmitCampaignUseCase } from '../../src/modules/campaign/submit-campaign.use-case.js';
import { CAMPAIGN_QUEUES, SyncRewardBillUseCase } from '../../src/modules/campaign/sync-reward-bill.use-case.js';
import { BindInviteUseCase } from '../../src/modules/campaign/bind-invite.use-case.js';
import { TransferRateBucket } from '../../src/modules/payout/transfer-rate.bucket.js';
import type { AuthenticatedStaff } from '../../src/modules/staff/authenticated-staff.js';
import { CreateStaffUserUseCase } from '../../src/modules/staff/create-staff-user.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { StaffUserRepository } from '../../src/modules/staff/staff-user.repository.js';
import { addCustomer, openMedium, snapshot, type Customer, type Medium } from '../support/medium.js';

/**
 * 领红包 for a campaign's cash reward (CollectRewardUseCase) and the look-up of its transfer bill
 * (SyncRewardBillUseCase), on a real PostgreSQL and the WeChat simulator over real HTTP, on a reward
 * earned the way a sharer earns one: a campaign created, submitted and approved by staff, a new
 * friend bound by the sharer's invite code, then reading a product's terms. The reward is offered
 * under one bill, paid once; a second collect, or one during the reward's hold, is refused; the
 * look-up records the final state once.
 */
describe('CollectRewardUseCase and SyncRewardBillUseCase', () => {
  let medium: Medium;
  let pool: pg.Pool;
  let collect: CollectRewardUseCase;
  let sync: SyncRewardBillUseCase;
  let recordAction: RecordCampaignActionUseCase;
  let campaignId: string;
  let heldCampaignId: string;
  const invites = () => new InviteRepository(medium.dataSource);

  beforeAll(async () => {
    medium = await openMedium();
    pool = new pg.Pool({ connectionString: medium.database.url, max: 2 });
    const wechat = createWechatAdapters(medium.integrations.wechat, pool);
    const bucket = new TransferRateBucket(medium.dataSource);
    const bills = new RewardBillRepository(medium.dataSource);
    collect = new CollectRewardUseCase(
      medium.unitOfWork,
      bills,
      medium.adapters.transferBills,
      bucket,
      medium.integrations,
    );
    sync = new SyncRewardBillUseCase(bills, medium.adapters.transferBills, bucket, medium.queue);
    const campaigns = new CampaignRepository(medium.dataSource);
    recordAction = new RecordCampaignActionUseCase(
      medium.dataSource,
      medium.unitOfWork,
      campaigns,
      invites(),
      new RewardRepository(medium.dataSource),
      wechat.riskRank,
    );
    campaignId = await publishCampaign(0);
    // Another campaign, whose rewards are held for 3 days before they can be collected.
    heldCampaignId = await publishCampaign(3);
  });
  /** A cash campaign (5 元 per friend reading terms), as marketing creates and submits it and an admin approves it. */
  const publishCampaign = async (pendingDays: number): Promise<string> => {
    const campaigns = new CampaignRepository(medium.dataSource);
    const audit = new StaffAudit(medium.dataSource);
    const marketing = await staffOf('marketing');
    const admin = await staffOf('admin');
    const created = await new CreateCampaignUseCase(medium.unitOfWork, campaigns, audit).execute(
      marketing,
      campaignDefinitionSchema.parse({
        name: `中测红包 ${randomBytes(3).toString('hex')}`,
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        budgetFen: 100_000,
        rulesText:
          '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。每人每天有上限，红包在观察期后可领取。奖励与是否购买保险无关。',
        shareCard: { title: '航班延误自动赔，看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
        rewardRules: [
          { trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } },
        ],
        caps: {
          perUserPerDay: 100,
          perIpPerDay: 1000,
          perCampaignPerDay: 1000,
          perUserPerCampaign: 1000,
          perIpPerCampaign: 1000,
          perDevicePerDay: 100,
          perDevicePerCampaign: 100,
          perIdNumberPerDay: 100,
          perIdNumberPerCampaign: 100,
        },
        pendingDays,
      }),
    );
    await new SubmitCampaignUseCase(medium.unitOfWork, campaigns, audit).execute(marketing, created.id);
    const published = await new ReviewCampaignUseCase(medium.unitOfWork, campaigns, audit).execute(admin, created.id, {
      decision: 'approve',
      reason: '合规检查通过',
    });
    expect(published.status).toBe('published');
    return created.id;
  };
  afterAll(async () => {
    await pool?.end();
    await medium?.close();
  });

  /** A staff member, as an admin creates one (their sign-in is not these tests' subject). */
  const staffOf = async (role: 'marketing' | 'admin'): Promise<AuthenticatedStaff> => {
    const username = `medium_${role}_${randomBytes(3).toString('hex')}`;
    const created = await new CreateStaffUserUseCase(
      new StaffUserRepository(medium.dataSource),
      medium.unitOfWork,
      new StaffAudit(medium.dataSource),
    ).execute({ staffUserId: null, username: 'medium-setup' }, { username, displayName: username, roles: [role] });
    return {
      staffUserId: created.user.id,
      username,
      displayName: username,
      roles: [role],
    } as unknown as AuthenticatedStaff;
  };
  const customerOf = (customer: Customer) => ({ customerId: customer.id, openid: customer.openid });

  /** A sharer's cash reward: a new friend bound by their invite code reads a product's terms. */
  const earnedReward = async () => {
    const sharer = await addCustomer(medium.db);
    const friend = await addCustomer(medium.db);
    // WeChat knows the friend as an ordinary user (risk rank 0): the reward is granted, not held for review.
    medium.sim.upsertUser({ openid: friend.openid, riskRank: 0 });
    const { code } = await invites().codeOf(sharer.id);
    const bound = await medium.unitOfWork.run((tx) =>
      new BindInviteUseCase(invites()).execute(tx.manager, {
        inviteeId: friend.id,
        isNewCustomer: true,
        inviteCode: code,
        sharePath: `/packages/campaign/index/index?ic=${code}&cid=${campaignId}`,
        scene: 1007,
      }),
    );
    expect(bound).toBe('bound');
    const result = await recordAction.execute(
      customerOf(friend),
      { action: 'friend_read_terms', product: 'FD120' },
      '10.0.0.1',
    );
    expect(result.outcomes).toContainEqual({ campaignId, ruleIndex: 0, outcome: 'granted' });
    const { rows } = await medium.db.query<{ id: string }>(
      `SELECT id::text FROM campaign_rewards WHERE campaign_id = $1 AND beneficiary_id = $2`,
      [campaignId, sharer.id],
    );
    return { sharer, rewardId: rows[0]!.id };
  };
  const rewardState = async (rewardId: string) =>
    (
      await medium.db.query<{
        status: string;
        payout_attempt: number;
        bills: { no: string; attempt: number; state: string; amount: number }[] | null;
      }>(
        `SELECT r.status, r.payout_attempt,
                (SELECT json_agg(json_build_object('no', b.out_bill_no, 'attempt', b.attempt, 'state', b.state, 'amount', b.amount_fen) ORDER BY b.attempt)
                   FROM campaign_reward_bills b WHERE b.reward_id = r.id) AS bills
           FROM campaign_rewards r WHERE r.id = $1`,
        [rewardId],
      )
    ).rows[0]!;
  const stateOf = (rewardId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(r) FROM campaign_rewards r WHERE r.id = $1) AS reward,
              (SELECT json_agg(b ORDER BY b.attempt) FROM campaign_reward_bills b WHERE b.reward_id = $1) AS bills`,
      [rewardId],
    );
  const untilWechatSays = async (outBillNo: string, state: string) => {
    for (let i = 0; i < 200; i += 1) {
      if ((await medium.adapters.transferBills.queryByOutBillNo(outBillNo)).state === state) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`WeChat never said ${state} for ${outBillNo}`);
  };
  const paidAtWechat = (outBillNo: string) =>
    medium.sim.ledger
      .of('transfer')
      .filter((entry) => entry.outBillNo === outBillNo && entry.state === 'SUCCESS')
      .map((entry) => [entry.amount, entry.sceneId]);

  it('collecting opens one marketing-scene bill for the reward and offers it; collecting again offers the same bill', async () => {
    const { sharer, rewardId } = await earnedReward();
    const jobsBefore = medium.jobs.length;

    const first = await collect.execute(customerOf(sharer), rewardId);
    const second = await collect.execute(customerOf(sharer), rewardId);

    expect(first).toMatchObject({
      appId: medium.integrations.wechatPay.appid,
      mchId: medium.integrations.wechatPay.mchid,
      openId: sharer.openid,
      package: expect.any(String),
    });
    expect(second.package).toEqual(expect.any(String));
    const state = await rewardState(rewardId);
    expect(state).toMatchObject({ status: 'paying', payout_attempt: 1 });
    expect(state.bills).toEqual([{ no: expect.any(String), attempt: 1, state: 'WAIT_USER_CONFIRM', amount: 500 }]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: CAMPAIGN_QUEUES.syncRewardBill, data: { outBillNo: state.bills![0]!.no } },
    ]);
  });

  it('once the sharer confirms, the look-up records the reward paid once, and a second collect is refused with nothing changed', async () => {
    const { sharer, rewardId } = await earnedReward();
    const offer = await collect.execute(customerOf(sharer), rewardId);
    const outBillNo = (await rewardState(rewardId)).bills![0]!.no;
    medium.sim.confirmTransfer({ package: offer.package, openid: sharer.openid });
    await untilWechatSays(outBillNo, 'SUCCESS');

    await expect(sync.sync(outBillNo)).resolves.toBe('SUCCESS');

    const paid = await rewardState(rewardId);
    expect(paid).toMatchObject({ status: 'paid', payout_attempt: 1 });
    expect(paid.bills).toEqual([{ no: outBillNo, attempt: 1, state: 'SUCCESS', amount: 500 }]);
    const once = await stateOf(rewardId);
    const jobsBefore = medium.jobs.length;

    await expect(sync.sync(outBillNo)).resolves.toBe('SUCCESS');
    await expect(collect.execute(customerOf(sharer), rewardId)).rejects.toMatchObject({
      code: 'CAMPAIGN_REWARD_NOT_COLLECTABLE',
    });

    expect(await stateOf(rewardId)).toBe(once);
    expect(medium.jobs.length).toBe(jobsBefore);
    expect(paidAtWechat(outBillNo)).toEqual([[500, '1000']]);
  });

  it('a reward still in its hold is not collectable yet, and nothing changes', async () => {
    const { sharer } = await earnedReward();
    const { rows } = await medium.db.query<{ id: string; payable: boolean }>(
      `SELECT id::text, payable_at <= now() AS payable FROM campaign_rewards WHERE campaign_id = $1 AND beneficiary_id = $2`,
      [heldCampaignId, sharer.id],
    );
    expect(rows).toEqual([{ id: expect.any(String), payable: false }]);
    const before = await stateOf(rows[0]!.id);

    await expect(collect.execute(customerOf(sharer), rows[0]!.id)).rejects.toMatchObject({
      code: 'CAMPAIGN_REWARD_NOT_COLLECTABLE',
    });

    expect(await stateOf(rows[0]!.id)).toBe(before);
  });

  it("someone else's reward is not found, and nothing changes", async () => {
    const { rewardId } = await earnedReward();
    const stranger = await addCustomer(medium.db);
    const before = await stateOf(rewardId);

    await expect(collect.execute(customerOf(stranger), rewardId)).rejects.toMatchObject({
      code: 'CAMPAIGN_REWARD_NOT_FOUND',
    });

    expect(await stateOf(rewardId)).toBe(before);
  });

  it('a look-up while the bill still waits records nothing final and looks again later', async () => {
    const { sharer, rewardId } = await earnedReward();
    await collect.execute(customerOf(sharer), rewardId);
    const outBillNo = (await rewardState(rewardId)).bills![0]!.no;
    const jobsBefore = medium.jobs.length;

    await expect(sync.sync(outBillNo)).resolves.toBe('WAIT_USER_CONFIRM');

    expect(await rewardState(rewardId)).toMatchObject({
      status: 'paying',
      bills: [{ no: outBillNo, attempt: 1, state: 'WAIT_USER_CONFIRM', amount: 500 }],
    });
    expect(medium.jobs.slice(jobsBefore)).toEqual([{ queue: CAMPAIGN_QUEUES.syncRewardBill, data: { outBillNo } }]);
  });

  // Last: moving WeChat's clock ends every bill still waiting in this simulator.
  it('a bill left unconfirmed for 24 h: the look-up records it CANCELLED once, and the next collect offers a new number', async () => {
    const { sharer, rewardId } = await earnedReward();
    await collect.execute(customerOf(sharer), rewardId);
    const firstBill = (await rewardState(rewardId)).bills![0]!.no;
    medium.sim.advanceTime(24 * 3600 + 60);
    await untilWechatSays(firstBill, 'CANCELLED');

    await expect(sync.sync(firstBill)).resolves.toBe('CANCELLED');

    const cancelled = await rewardState(rewardId);
    expect(cancelled.bills).toEqual([{ no: firstBill, attempt: 1, state: 'CANCELLED', amount: 500 }]);
    const once = await stateOf(rewardId);
    await expect(sync.sync(firstBill)).resolves.toBe('CANCELLED');
    expect(await stateOf(rewardId)).toBe(once);

    await collect.execute(customerOf(sharer), rewardId);
    const reoffered = await rewardState(rewardId);
    expect(reoffered).toMatchObject({ status: 'paying', payout_attempt: 2 });
    expect(reoffered.bills!.map((bill) => [bill.attempt, bill.state])).toEqual([
      [1, 'CANCELLED'],
      [2, 'WAIT_USER_CONFIRM'],
    ]);
    expect(reoffered.bills![1]!.no).not.toBe(firstBill);
  });
});
