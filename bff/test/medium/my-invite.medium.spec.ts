import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CampaignRepository } from '../../src/modules/campaign/campaign.repository.js';
import { POSTER_QUEUE } from '../../src/modules/campaign/make-invite-poster.use-case.js';
import { MyInviteUseCase } from '../../src/modules/campaign/my-invite.use-case.js';
import { campaignSteps, cashCampaign, inviteFlowOf, type InviteFlow } from '../support/medium-campaign.js';
import { addCustomer, openMedium, snapshot, type Customer, type Medium } from '../support/medium.js';

/**
 * MyInviteUseCase (the customer's own invite page) on a real PostgreSQL and the WeChat simulator,
 * with campaigns published by staff and friends bound and rewarded the way the mini-program does it.
 * Three campaigns run at once: 5 元 per friend reading terms, payable at once; 2 元 per friend,
 * held 3 days; 3 元 once two friends have helped by reading terms. The code is made once and its
 * poster queued once; friends are shown masked; each reward with the status the customer may act
 * on; helper progress counts live helper rules only, capped at the stated number.
 */
describe('MyInviteUseCase', () => {
  let medium: Medium;
  let flow: InviteFlow;
  let myInvite: MyInviteUseCase;
  let payableAtOnce: string;
  let held: string;
  let helpers: string;

  beforeAll(async () => {
    medium = await openMedium();
    flow = inviteFlowOf(medium);
    const steps = await campaignSteps(medium);
    myInvite = new MyInviteUseCase(
      medium.unitOfWork,
      flow.invites,
      flow.rewards,
      new CampaignRepository(medium.dataSource),
      medium.integrations,
    );
    payableAtOnce = await steps.published();
    held = await steps.published(
      cashCampaign({
        rulesText:
          '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得2元现金红包，观察期3天后可领取。奖励与是否购买保险无关。',
        rewardRules: [
          { trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 200 } },
        ],
        pendingDays: 3,
      }),
    );
    helpers = await steps.published(
      cashCampaign({
        rulesText:
          '活动时间内，邀请2位新朋友首次登录小安保险并各自阅读任一产品的保险条款，您可获得3元现金红包，每人限一次。奖励与是否购买保险无关。',
        rewardRules: [
          {
            trigger: 'helpers_reached',
            beneficiary: 'inviter',
            helperCount: 2,
            helperAction: 'friend_read_terms',
            reward: { kind: 'cash', amountFen: 300 },
          },
        ],
      }),
    );
    // A helper campaign paused by an admin: its rule is not live, so it shows no progress.
    await steps.paused(
      cashCampaign({
        rulesText:
          '活动时间内，邀请3位新朋友首次登录小安保险并各自阅读任一产品的保险条款，您可获得3元现金红包，每人限一次。奖励与是否购买保险无关。',
        rewardRules: [
          {
            trigger: 'helpers_reached',
            beneficiary: 'inviter',
            helperCount: 3,
            helperAction: 'friend_read_terms',
            reward: { kind: 'cash', amountFen: 300 },
          },
        ],
      }),
    );
  });
  afterAll(async () => {
    await flow?.close();
    await medium?.close();
  });

  /** `count` new friends bound by the sharer's code on the first campaign's card, each reading terms (ranked `riskRank`). */
  const friendsRead = async (sharer: Customer, count: number, riskRank = 0): Promise<Customer[]> => {
    const friends: Customer[] = [];
    for (let i = 0; i < count; i += 1) {
      const friend = await addCustomer(medium.db);
      await flow.bind(sharer, friend, payableAtOnce);
      await flow.readTerms(friend, riskRank);
      friends.push(friend);
    }
    return friends;
  };

  describe('code', () => {
    it("the first ask makes the customer's code, its share path, H5 link and poster address, and queues its poster once", async () => {
      const customer = await addCustomer(medium.db);
      const jobsBefore = medium.jobs.length;

      const invite = await myInvite.code(customer.id);

      const base = medium.integrations.publicBaseUrl.replace(/\/$/, '');
      expect(invite).toEqual({
        inviteCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{8}$/),
        sharePath: `/pages/home/index?ic=${invite.inviteCode}`,
        h5Link: `${base}/#/pages/home/index?ic=${invite.inviteCode}`,
        posterUrl: `${base}/api/v1/campaigns/posters/${invite.inviteCode}.png`,
      });
      const { rows } = await medium.db.query(`SELECT code FROM invite_codes WHERE customer_id = $1`, [customer.id]);
      expect(rows).toEqual([{ code: invite.inviteCode }]);
      expect(medium.jobs.slice(jobsBefore)).toEqual([{ queue: POSTER_QUEUE, data: { inviteCode: invite.inviteCode } }]);
    });

    it('asking again answers the same code, makes no other and queues nothing', async () => {
      const customer = await addCustomer(medium.db);
      const first = await myInvite.code(customer.id);
      const before = await snapshot(medium.db, `SELECT * FROM invite_codes WHERE customer_id = $1`, [customer.id]);
      const jobsBefore = medium.jobs.length;

      const again = await myInvite.code(customer.id);

      expect(again).toEqual(first);
      expect(await snapshot(medium.db, `SELECT * FROM invite_codes WHERE customer_id = $1`, [customer.id])).toBe(
        before,
      );
      expect(medium.jobs.length).toBe(jobsBefore);
    });

    it('two customers get two different codes', async () => {
      const [a, b] = [await addCustomer(medium.db), await addCustomer(medium.db)];

      const [codeA, codeB] = [(await myInvite.code(a.id)).inviteCode, (await myInvite.code(b.id)).inviteCode];

      expect(codeA).not.toBe(codeB);
    });
  });

  describe('invitesAndRewards', () => {
    it("lists the customer's friends masked, and each reward with the status the customer may act on", async () => {
      const sharer = await addCustomer(medium.db);
      const [ordinary, risky] = [...(await friendsRead(sharer, 1)), ...(await friendsRead(sharer, 1, 4))];

      const answer = await myInvite.invitesAndRewards(sharer.id);

      expect(answer.invites.map((i) => i.friendMasked).sort()).toEqual(
        [`微信用户${ordinary!.openid.slice(-4)}`, `微信用户${risky!.openid.slice(-4)}`].sort(),
      );
      expect(JSON.stringify(answer)).not.toContain(ordinary!.openid);
      const { rows } = await medium.db.query<{ id: string; campaign_id: string; invitee: string }>(
        `SELECT id::text, campaign_id::text, invitee_id::text AS invitee FROM campaign_rewards WHERE beneficiary_id = $1`,
        [sharer.id],
      );
      const statusOf = (campaignId: string, friend: Customer) =>
        answer.rewards.find(
          (r) => r.id === rows.find((row) => row.campaign_id === campaignId && row.invitee === friend.id)?.id,
        )?.status;
      // The ordinary friend: 5 元 payable now, 2 元 still in its 3-day hold; the risky friend's are held for review.
      expect(statusOf(payableAtOnce, ordinary!)).toBe('payable');
      expect(statusOf(held, ordinary!)).toBe('pending');
      expect(statusOf(payableAtOnce, risky!)).toBe('review');
      expect(statusOf(held, risky!)).toBe('review');
      expect(answer.rewards).toHaveLength(rows.length);
      expect(answer.rewards.find((r) => r.campaignId === payableAtOnce && r.status === 'payable')).toMatchObject({
        kind: 'cash',
        amountFen: 500,
      });
    });

    it("shows nothing of another customer's friends or rewards", async () => {
      const sharer = await addCustomer(medium.db);
      await friendsRead(sharer, 1);
      const stranger = await addCustomer(medium.db);

      await expect(myInvite.invitesAndRewards(stranger.id)).resolves.toEqual({ invites: [], rewards: [] });
    });
  });

  describe('helperProgress', () => {
    it('counts the friends who helped against the live helper rule, and says when its reward is earned', async () => {
      const sharer = await addCustomer(medium.db);
      await friendsRead(sharer, 1);

      await expect(myInvite.helperProgress(sharer.id)).resolves.toEqual({
        items: [{ campaignId: helpers, ruleIndex: 0, helperCount: 2, helped: 1, rewarded: false }],
      });

      await friendsRead(sharer, 1);

      await expect(myInvite.helperProgress(sharer.id)).resolves.toEqual({
        items: [{ campaignId: helpers, ruleIndex: 0, helperCount: 2, helped: 2, rewarded: true }],
      });
    });

    it('a third helper shows the stated two, and the reward is earned once', async () => {
      const sharer = await addCustomer(medium.db);
      await friendsRead(sharer, 3);

      await expect(myInvite.helperProgress(sharer.id)).resolves.toEqual({
        items: [{ campaignId: helpers, ruleIndex: 0, helperCount: 2, helped: 2, rewarded: true }],
      });
      const { rows } = await medium.db.query(
        `SELECT count(*)::int AS n FROM campaign_rewards WHERE campaign_id = $1 AND beneficiary_id = $2`,
        [helpers, sharer.id],
      );
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('a customer nobody has helped sees the live helper rule at zero', async () => {
      const loner = await addCustomer(medium.db);

      await expect(myInvite.helperProgress(loner.id)).resolves.toEqual({
        items: [{ campaignId: helpers, ruleIndex: 0, helperCount: 2, helped: 0, rewarded: false }],
      });
    });
  });
});
