import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { beijingDateOf } from '@xiaoan/shared';
import { CampaignAnalyticsRepository } from '../../src/modules/campaign/campaign-analytics.repository.js';
import { analyticsCsv, CampaignAnalyticsUseCase } from '../../src/modules/campaign/campaign-analytics.use-case.js';
import { ReviewRewardUseCase } from '../../src/modules/campaign/review-reward.use-case.js';
import {
  campaignSteps,
  cashCampaign,
  inviteFlowOf,
  type CampaignSteps,
  type InviteFlow,
} from '../support/medium-campaign.js';
import { addCustomer, openMedium, snapshot, type Customer, type Medium } from '../support/medium.js';

/**
 * CampaignAnalyticsUseCase on a real PostgreSQL and the WeChat simulator, on what sharers and
 * friends did the way the mini-program records it. Two campaigns run at once: A (5 元 per friend)
 * and B (2 元 per friend). Sharer 1's card for A is opened 3 times and binds 2 friends; sharer 2's
 * card for A is opened once and binds 1 friend, whom WeChat ranks risky and an admin's review
 * rejects A's reward for. Every friend reads terms, so B rewards them too — but the cards and
 * bindings were A's. Each campaign's figures are its own; a read is on the audit trail, an unknown
 * campaign is refused before anything is written.
 */
describe('CampaignAnalyticsUseCase', () => {
  let medium: Medium;
  let steps: CampaignSteps;
  let flow: InviteFlow;
  let analytics: CampaignAnalyticsUseCase;
  let campaignA: string;
  let campaignB: string;
  let sharer1: Customer;
  let sharer2: Customer;

  beforeAll(async () => {
    medium = await openMedium();
    steps = await campaignSteps(medium);
    flow = inviteFlowOf(medium);
    analytics = new CampaignAnalyticsUseCase(
      steps.campaigns,
      new CampaignAnalyticsRepository(medium.dataSource),
      steps.audit,
    );
    campaignA = await steps.published(cashCampaign({ name: '活动甲' }));
    campaignB = await steps.published(
      cashCampaign({
        name: '活动乙',
        rulesText:
          '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得2元现金红包。红包在观察期后可领取。奖励与是否购买保险无关。',
        rewardRules: [
          { trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 200 } },
        ],
      }),
    );
    sharer1 = await addCustomer(medium.db);
    sharer2 = await addCustomer(medium.db);
    await opensOf(sharer1, campaignA, 3);
    await opensOf(sharer2, campaignA, 1);
    for (const sharer of [sharer1, sharer1]) {
      const friend = await addCustomer(medium.db);
      await flow.bind(sharer, friend, campaignA);
      await flow.readTerms(friend, 0);
    }
    const risky = await addCustomer(medium.db);
    await flow.bind(sharer2, risky, campaignA);
    await flow.readTerms(risky, 4);
    const {
      rows: [held],
    } = await medium.db.query<{ id: string }>(
      `SELECT id::text FROM campaign_rewards WHERE campaign_id = $1 AND invitee_id = $2`,
      [campaignA, risky.id],
    );
    await new ReviewRewardUseCase(medium.unitOfWork, flow.rewards, steps.audit).execute(steps.admin, held!.id, {
      decision: 'reject',
      reason: '风险用户',
    });
  });
  afterAll(async () => {
    await flow?.close();
    await medium?.close();
  });

  /** The sharer's card for `campaignId` opened `times` times, as the mini-program reports each open. */
  async function opensOf(sharer: Customer, campaignId: string, times: number) {
    const { code } = await flow.invites.codeOf(sharer.id);
    for (let i = 0; i < times; i += 1) {
      await flow.invites.recordCardOpen({
        inviteCode: code,
        inviterId: sharer.id,
        sharePath: `/packages/campaign/index/index?ic=${code}&cid=${campaignId}`,
        scene: 1007,
        clientIp: `10.0.1.${i + 1}`,
      });
    }
  }
  const masked = (customer: Customer) => `微信用户${customer.openid.slice(-4)}`;
  const today = () => beijingDateOf(new Date());
  const auditOf = async (campaignId: string, action: string) =>
    (
      await medium.db.query(
        `SELECT username, staff_user_id::text AS staff, resource_type FROM staff_audit_log WHERE resource_id = $1 AND action = $2`,
        [campaignId, action],
      )
    ).rows;

  it("counts campaign A's own funnel, cost, sharers and K-factor, leaving out the rejected reward", async () => {
    const result = await analytics.execute(steps.marketing, campaignA);

    expect(result).toMatchObject({ campaignId: campaignA, name: '活动甲', budgetFen: 100_000, spentFen: 1000 });
    expect(result.funnel).toEqual({
      cardOpens: 4,
      newUsersBound: 3,
      qualifiedActions: 3,
      rewardsGranted: 2,
      paid: 0,
    });
    expect(result.costByDay).toEqual([{ day: today(), costFen: 1000, cumulativeFen: 1000, budgetFen: 100_000 }]);
    expect(result.topSharers).toEqual([
      { sharer: masked(sharer1), opens: 3, invites: 2, rewards: 2, rewardFen: 1000 },
      { sharer: masked(sharer2), opens: 1, invites: 1, rewards: 0, rewardFen: 0 },
    ]);
    expect(result.kFactor).toEqual({ sharers: 2, invitesPerSharer: 2, conversion: 0.75, k: 1.5 });
    expect(JSON.stringify(result)).not.toContain(sharer1.openid);
  });

  it("campaign B, running at the same time, counts its own rewards and none of A's cards or bindings", async () => {
    const result = await analytics.execute(steps.marketing, campaignB);

    expect(result.funnel).toEqual({
      cardOpens: 0,
      newUsersBound: 0,
      qualifiedActions: 3,
      // The risky friend's 2 元 is still held for review: granted, charged to the budget.
      rewardsGranted: 3,
      paid: 0,
    });
    expect(result.spentFen).toBe(600);
    expect(result.costByDay).toEqual([{ day: today(), costFen: 600, cumulativeFen: 600, budgetFen: 100_000 }]);
    expect(result.topSharers).toEqual([
      { sharer: masked(sharer1), opens: 0, invites: 0, rewards: 2, rewardFen: 400 },
      { sharer: masked(sharer2), opens: 0, invites: 0, rewards: 1, rewardFen: 200 },
    ]);
    expect(result.kFactor).toEqual({ sharers: 0, invitesPerSharer: 0, conversion: 0, k: 0 });
  });

  it('a campaign nothing has happened in yet shows zeros', async () => {
    const id = await steps.draft();

    const result = await analytics.execute(steps.marketing, id);

    expect(result.funnel).toEqual({ cardOpens: 0, newUsersBound: 0, qualifiedActions: 0, rewardsGranted: 0, paid: 0 });
    expect(result.costByDay).toEqual([]);
    expect(result.topSharers).toEqual([]);
    expect(result.kFactor).toEqual({ sharers: 0, invitesPerSharer: 0, conversion: 0, k: 0 });
  });

  it('each read is on the audit trail: a view as a read, a CSV as an export', async () => {
    const id = await steps.draft();

    await analytics.execute(steps.marketing, id);
    const csv = analyticsCsv(await analytics.execute(steps.admin, id, 'csv'));

    expect(await auditOf(id, 'campaign_analytics_read')).toEqual([
      { username: steps.marketing.username, staff: steps.marketing.staffUserId, resource_type: 'campaign' },
    ]);
    expect(await auditOf(id, 'campaign_analytics_export')).toEqual([
      { username: steps.admin.username, staff: steps.admin.staffUserId, resource_type: 'campaign' },
    ]);
    expect(csv.startsWith('\uFEFF活动,')).toBe(true);
  });

  it('an unknown campaign is not found, and nothing is written to the trail', async () => {
    const before = await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);

    await expect(analytics.execute(steps.marketing, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'CAMPAIGN_NOT_FOUND',
    });

    expect(await snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`)).toBe(before);
  });
});
