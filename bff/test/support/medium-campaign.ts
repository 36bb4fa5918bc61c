import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import pg from 'pg';
import { campaignDefinitionSchema, type CampaignDefinition, type StaffRole } from '@xiaoan/shared';
import { createWechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import { BindInviteUseCase } from '../../src/modules/campaign/bind-invite.use-case.js';
import { ChangeCampaignStatusUseCase } from '../../src/modules/campaign/change-campaign-status.use-case.js';
import { CampaignRepository } from '../../src/modules/campaign/campaign.repository.js';
import { CreateCampaignUseCase } from '../../src/modules/campaign/create-campaign.use-case.js';
import { InviteRepository } from '../../src/modules/campaign/invite.repository.js';
import { RecordCampaignActionUseCase } from '../../src/modules/campaign/record-campaign-action.use-case.js';
import { ReviewCampaignUseCase } from '../../src/modules/campaign/review-campaign.use-case.js';
import { RewardRepository } from '../../src/modules/campaign/reward.repository.js';
import { SubmitCampaignUseCase } from '../../src/modules/campaign/submit-campaign.use-case.js';
import type { AuthenticatedStaff } from '../../src/modules/staff/authenticated-staff.js';
import { CreateStaffUserUseCase } from '../../src/modules/staff/create-staff-user.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { StaffUserRepository } from '../../src/modules/staff/staff-user.repository.js';
import type { Customer, Medium } from './medium.js';

/**
 * Campaign fixtures for the medium tests, each through the use cases the console and the
 * mini-program go through: staff made by CreateStaffUserUseCase, campaigns created, submitted and
 * reviewed by staff, friends bound by an invite code and rewarded by RecordCampaignActionUseCase.
 */

const tag = () => randomBytes(3).toString('hex');

/** A staff member as an admin creates one; signed in as far as the use cases care (the guard's part is not theirs). */
export const staffOf = async (medium: Medium, role: StaffRole): Promise<AuthenticatedStaff> => {
  const username = `medium_${role}_${tag()}`;
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

/** A compliant cash campaign (5 元 to the sharer per friend reading terms), open now for 30 days; `overrides` change it. */
export const cashCampaign = (overrides: Partial<CampaignDefinition> = {}): CampaignDefinition =>
  campaignDefinitionSchema.parse({
    name: `中测红包 ${tag()}`,
    startsAt: new Date(Date.now() - 3600_000).toISOString(),
    endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    budgetFen: 100_000,
    rulesText:
      '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。每人每天有上限，红包在观察期后可领取。奖励与是否购买保险无关。',
    shareCard: { title: '航班延误自动赔，看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
    rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
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
    pendingDays: 0,
    ...overrides,
  });

/** A campaign whose text breaks 保险法 116: the sharer is paid when the friend buys, and the copy offers a premium rebate. */
export const rebateCampaign = (): CampaignDefinition =>
  cashCampaign({
    name: `返保费活动 ${tag()}`,
    rulesText: '好友通过您的邀请购买任一保险并支付成功后，您可获得5元现金，好友还可享保费返还10%，多邀多得。',
    rewardRules: [{ trigger: 'friend_payment', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
  });

export interface CampaignSteps {
  marketing: AuthenticatedStaff;
  admin: AuthenticatedStaff;
  campaigns: CampaignRepository;
  audit: StaffAudit;
  /** A draft, as marketing writes it. */
  draft(definition?: CampaignDefinition): Promise<string>;
  /** Submitted for review (it passed the compliance check). */
  inReview(definition?: CampaignDefinition): Promise<string>;
  /** Approved by an admin: published, its version archived. */
  published(definition?: CampaignDefinition): Promise<string>;
  /** Published, then paused by an admin. */
  paused(definition?: CampaignDefinition): Promise<string>;
  /** Published, then ended by an admin. */
  ended(definition?: CampaignDefinition): Promise<string>;
  /** Submitted, then sent back to draft by an admin with `reason`. */
  rejected(reason: string, definition?: CampaignDefinition): Promise<string>;
}

/** A campaign brought to each status the way staff bring it there. */
export const campaignSteps = async (medium: Medium): Promise<CampaignSteps> => {
  const marketing = await staffOf(medium, 'marketing');
  const admin = await staffOf(medium, 'admin');
  const campaigns = new CampaignRepository(medium.dataSource);
  const audit = new StaffAudit(medium.dataSource);
  const status = new ChangeCampaignStatusUseCase(medium.unitOfWork, campaigns, audit);
  const draft = async (definition = cashCampaign()) =>
    (await new CreateCampaignUseCase(medium.unitOfWork, campaigns, audit).execute(marketing, definition)).id;
  const inReview = async (definition?: CampaignDefinition) => {
    const id = await draft(definition);
    await new SubmitCampaignUseCase(medium.unitOfWork, campaigns, audit).execute(marketing, id);
    return id;
  };
  const review = new ReviewCampaignUseCase(medium.unitOfWork, campaigns, audit);
  const published = async (definition?: CampaignDefinition) => {
    const id = await inReview(definition);
    const row = await review.execute(admin, id, { decision: 'approve', reason: '合规检查通过' });
    expect(row.status).toBe('published');
    return id;
  };
  return {
    marketing,
    admin,
    campaigns,
    audit,
    draft,
    inReview,
    published,
    paused: async (definition) => {
      const id = await published(definition);
      await status.execute(admin, id, 'pause');
      return id;
    },
    ended: async (definition) => {
      const id = await published(definition);
      await status.execute(admin, id, 'end');
      return id;
    },
    rejected: async (reason, definition) => {
      const id = await inReview(definition);
      await review.execute(admin, id, { decision: 'reject', reason });
      return id;
    },
  };
};

export const customerOf = (customer: Customer) => ({ customerId: customer.id, openid: customer.openid });

/** The mini-program's side of a campaign: invite codes, bindings and the friend's actions, as the app wires them. */
export interface InviteFlow {
  invites: InviteRepository;
  rewards: RewardRepository;
  recordAction: RecordCampaignActionUseCase;
  /** `friend`, a customer new at this login, is bound to `sharer` by the sharer's code on `campaignId`'s card. */
  bind(sharer: Customer, friend: Customer, campaignId: string | null): Promise<void>;
  /** The friend reads a product's terms (WeChat ranks them `riskRank`: 4 and above hold the reward for review). */
  readTerms(friend: Customer, riskRank?: number): Promise<void>;
  close(): Promise<void>;
}

export const inviteFlowOf = (medium: Medium): InviteFlow => {
  const pool = new pg.Pool({ connectionString: medium.database.url, max: 2 });
  const wechat = createWechatAdapters(medium.integrations.wechat, pool);
  const invites = new InviteRepository(medium.dataSource);
  const rewards = new RewardRepository(medium.dataSource);
  const recordAction = new RecordCampaignActionUseCase(
    medium.dataSource,
    medium.unitOfWork,
    new CampaignRepository(medium.dataSource),
    invites,
    rewards,
    wechat.riskRank,
  );
  return {
    invites,
    rewards,
    recordAction,
    bind: async (sharer, friend, campaignId) => {
      const { code } = await invites.codeOf(sharer.id);
      const bound = await medium.unitOfWork.run((tx) =>
        new BindInviteUseCase(invites).execute(tx.manager, {
          inviteeId: friend.id,
          isNewCustomer: true,
          inviteCode: code,
          sharePath: `/packages/campaign/index/index?ic=${code}${campaignId ? `&cid=${campaignId}` : ''}`,
          scene: 1007,
        }),
      );
      expect(bound).toBe('bound');
    },
    readTerms: async (friend, riskRank = 0) => {
      medium.sim.upsertUser({ openid: friend.openid, riskRank });
      await recordAction.execute(customerOf(friend), { action: 'friend_read_terms', product: 'FD120' }, '10.0.0.1');
    },
    close: () => pool.end(),
  };
};
