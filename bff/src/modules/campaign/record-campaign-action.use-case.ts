import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CampaignAction, CampaignRewardRule } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { UserRiskRankClient } from '../../integrations/wechat/user-risk-rank.client.js';
import { beijingDay } from './domain/invite-code.js';
import { CampaignRepository } from './campaign.repository.js';
import { InviteRepository } from './invite.repository.js';
import { RewardRepository } from './reward.repository.js';

/** WeChat's advice (wechat.md §7): at rank 4 give no prize; we hold it for a person to look at. */
export const REVIEW_RISK_RANK = 4;

export type GrantOutcome = 'granted' | 'review' | 'already_granted' | 'cap_user' | 'cap_ip' | 'cap_campaign' | 'budget_exhausted';

export interface ActionResult {
  recorded: true;
  outcomes: { campaignId: string; ruleIndex: number; outcome: GrantOutcome }[];
}

class GrantRefused extends Error {
  constructor(readonly outcome: GrantOutcome) {
    super(outcome);
  }
}

/**
 * The invited friend's own, real, non-purchase action (reading a product's terms, turning on claim
 * reminders), checked on the server. Each live campaign rule with that trigger grants its fixed
 * reward once per friend: risk rank first (scene 1, marketing; ≥ 4 → review queue), then in one
 * transaction the reward row, the per-user / per-IP / per-campaign daily caps and the budget, each
 * a conditional write, so concurrent actions can never overspend.
 */
@Injectable()
export class RecordCampaignActionUseCase {
  private readonly logger = new Logger('CampaignAction');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly campaigns: CampaignRepository,
    private readonly invites: InviteRepository,
    private readonly rewards: RewardRepository,
    private readonly riskRank: UserRiskRankClient,
  ) {}

  async execute(customer: { customerId: string; openid: string }, input: { action: CampaignAction; product?: string | undefined }, clientIp: string): Promise<ActionResult> {
    await this.verify(customer.customerId, input);
    await this.dataSource.query(`INSERT INTO campaign_actions (customer_id, action, product, client_ip) VALUES ($1, $2, $3, $4)`, [
      customer.customerId,
      input.action,
      input.product ?? null,
      clientIp,
    ]);
    const inviterId = await this.invites.inviterOf(customer.customerId);
    if (!inviterId) return { recorded: true, outcomes: [] };
    const matches = (await this.campaigns.live()).flatMap((campaign) =>
      campaign.definition.rewardRules
        .map((rule, ruleIndex) => ({ campaign, rule, ruleIndex }))
        .filter(({ rule }) => rule.trigger === input.action && (rule.reward.kind === 'cash' || rule.reward.kind === 'points')),
    );
    if (matches.length === 0) return { recorded: true, outcomes: [] };

    const rank = await this.riskRank.rank({ openid: customer.openid, scene: 1, clientIp }).catch((error: unknown) => {
      // WeChat unreachable: grant nothing blindly; a person reviews it.
      this.logger.warn({ err: error }, 'getuserriskrank failed; the reward goes to review');
      return null;
    });
    const outcomes: ActionResult['outcomes'] = [];
    for (const { campaign, rule, ruleIndex } of matches) {
      const beneficiaryId = rule.beneficiary === 'friend' ? customer.customerId : inviterId;
      const outcome = await this.grant({ campaignId: campaign.id, version: campaign.version, caps: campaign.definition.caps, pendingDays: campaign.definition.pendingDays }, rule, ruleIndex, {
        beneficiaryId,
        inviteeId: customer.customerId,
        rank,
        clientIp,
      });
      outcomes.push({ campaignId: campaign.id, ruleIndex, outcome });
    }
    return { recorded: true, outcomes };
  }

  /** The action must be real: the product exists; reminders are actually on (a subscription was accepted). */
  private async verify(customerId: string, input: { action: CampaignAction; product?: string | undefined }): Promise<void> {
    if (input.action === 'friend_read_terms') {
      const [product] = input.product ? ((await this.dataSource.query(`SELECT 1 AS one FROM products WHERE code = $1`, [input.product])) as unknown[]) : [];
      if (!product) throw new AppException('VALIDATION_FAILED', [{ field: 'product', issue: 'unknown product' }]);
    } else {
      const [subscribed] = (await this.dataSource.query(`SELECT 1 AS one FROM subscriptions WHERE customer_id = $1 AND accepted_count > 0 LIMIT 1`, [customerId])) as unknown[];
      if (!subscribed) throw new AppException('VALIDATION_FAILED', [{ field: 'action', issue: 'claim reminders are not turned on' }]);
    }
  }

  private async grant(
    campaign: { campaignId: string; version: number; caps: { perUserPerDay: number; perIpPerDay: number; perCampaignPerDay: number }; pendingDays: number },
    rule: CampaignRewardRule,
    ruleIndex: number,
    who: { beneficiaryId: string; inviteeId: string; rank: number | null; clientIp: string },
  ): Promise<GrantOutcome> {
    const kind = rule.reward.kind as 'cash' | 'points';
    const amountFen = kind === 'cash' ? (rule.reward.amountFen ?? 0) : 0;
    const review = who.rank === null || who.rank >= REVIEW_RISK_RANK;
    const day = beijingDay(new Date());
    try {
      return await this.unitOfWork.run(async ({ manager }) => {
        const id = await this.rewards.insert(
          {
            campaignId: campaign.campaignId,
            campaignVersion: campaign.version,
            ruleIndex,
            beneficiaryId: who.beneficiaryId,
            inviteeId: who.inviteeId,
            trigger: rule.trigger,
            kind,
            amountFen,
            points: kind === 'points' ? (rule.reward.points ?? 0) : 0,
            status: review ? 'review' : 'pending',
            riskRank: who.rank,
            clientIp: who.clientIp,
            pendingDays: campaign.pendingDays,
          },
          manager,
        );
        if (!id) throw new GrantRefused('already_granted');
        if (!(await this.rewards.takeCap(campaign.campaignId, day, `user:${who.beneficiaryId}`, campaign.caps.perUserPerDay, manager))) throw new GrantRefused('cap_user');
        if (!(await this.rewards.takeCap(campaign.campaignId, day, `ip:${who.clientIp}`, campaign.caps.perIpPerDay, manager))) throw new GrantRefused('cap_ip');
        if (!(await this.rewards.takeCap(campaign.campaignId, day, 'campaign', campaign.caps.perCampaignPerDay, manager))) throw new GrantRefused('cap_campaign');
        if (!(await this.rewards.takeBudget(campaign.campaignId, amountFen, manager))) throw new GrantRefused('budget_exhausted');
        this.logger.log({ rewardId: id, campaignId: campaign.campaignId, review }, 'campaign reward granted');
        return review ? 'review' : 'granted';
      });
    } catch (error) {
      if (error instanceof GrantRefused) return error.outcome;
      throw error;
    }
  }
}
