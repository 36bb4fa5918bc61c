import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CAMPAIGN_CAP_DEFAULTS, type CampaignAction, type CampaignCaps, type CampaignRewardRule } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { UserRiskRankClient } from '../../integrations/wechat/user-risk-rank.client.js';
import { beijingDay } from './domain/invite-code.js';
import { CampaignRepository } from './campaign.repository.js';
import { InviteRepository } from './invite.repository.js';
import { RewardRepository } from './reward.repository.js';

/** WeChat's advice (wechat.md §7): at rank 4 give no prize; we hold it for a person to look at. */
export const REVIEW_RISK_RANK = 4;

export type GrantOutcome =
  | 'granted'
  | 'review'
  | 'already_granted'
  | 'cap_user'
  | 'cap_ip'
  | 'cap_device'
  | 'cap_id_number'
  | 'cap_campaign'
  | 'budget_exhausted'
  /** 助力: the help was counted; the stated number is not reached yet. */
  | 'helped'
  /** 助力: this friend had already helped this sharer. */
  | 'already_helped';

/** Caps of a definition archived before some caps existed: the defaults fill the gaps. */
const capsOf = (caps: Partial<CampaignCaps> | undefined): CampaignCaps => ({
  ...CAMPAIGN_CAP_DEFAULTS,
  ...(caps ?? {}),
});

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
 * transaction the reward row, the caps (beneficiary, friend's IP, friend's device, the beneficiary's
 * ID numbers — each per day and per campaign — and the campaign's daily total) and the budget, each
 * a conditional write, so concurrent actions can never overspend. A helper (助力) rule counts the
 * action as one help and grants its fixed result to the sharer once the stated number is reached.
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

  async execute(
    customer: { customerId: string; openid: string },
    input: { action: CampaignAction; product?: string | undefined },
    clientIp: string,
    deviceId: string | null = null,
  ): Promise<ActionResult> {
    await this.verify(customer.customerId, input);
    await this.dataSource.query(
      `INSERT INTO campaign_actions (customer_id, action, product, client_ip, device_id) VALUES ($1, $2, $3, $4, $5)`,
      [customer.customerId, input.action, input.product ?? null, clientIp, deviceId],
    );
    const inviterId = await this.invites.inviterOf(customer.customerId);
    if (!inviterId) return { recorded: true, outcomes: [] };
    // Only fixed cash or points are ever granted (the compliance check refused anything else before publishing).
    const fixed = (rule: CampaignRewardRule) => rule.reward.kind === 'cash' || rule.reward.kind === 'points';
    const matches = (await this.campaigns.live()).flatMap((campaign) =>
      campaign.definition.rewardRules
        .map((rule, ruleIndex) => ({ campaign, rule, ruleIndex }))
        .filter(
          ({ rule }) =>
            fixed(rule) &&
            (rule.trigger === input.action ||
              (rule.trigger === 'helpers_reached' &&
                rule.helperAction === input.action &&
                rule.helperCount !== undefined &&
                rule.helperCount >= 1)),
        ),
    );
    if (matches.length === 0) return { recorded: true, outcomes: [] };

    const rank = await this.riskRank.rank({ openid: customer.openid, scene: 1, clientIp }).catch((error: unknown) => {
      // WeChat unreachable: grant nothing blindly; a person reviews it.
      this.logger.warn({ err: error }, 'getuserriskrank failed; the reward goes to review');
      return null;
    });
    const outcomes: ActionResult['outcomes'] = [];
    for (const { campaign, rule, ruleIndex } of matches) {
      const target = {
        campaignId: campaign.id,
        version: campaign.version,
        caps: capsOf(campaign.definition.caps),
        pendingDays: campaign.definition.pendingDays,
      };
      if (rule.trigger === 'helpers_reached') {
        outcomes.push({
          campaignId: campaign.id,
          ruleIndex,
          outcome: await this.help(target, rule, ruleIndex, {
            helperId: customer.customerId,
            inviterId,
            rank,
            clientIp,
            deviceId,
          }),
        });
        continue;
      }
      const beneficiaryId = rule.beneficiary === 'friend' ? customer.customerId : inviterId;
      const outcome = await this.grant(target, rule, ruleIndex, {
        beneficiaryId,
        inviteeId: customer.customerId,
        rank,
        clientIp,
        deviceId,
      });
      outcomes.push({ campaignId: campaign.id, ruleIndex, outcome });
    }
    return { recorded: true, outcomes };
  }

  /**
   * 助力: the friend's own action counts as one help for the sharer who invited them (once per
   * friend). When the stated number is reached, the sharer gets the rule's fixed result once — held
   * for review if any counted helper was ranked risky (or unknown).
   */
  private async help(
    campaign: { campaignId: string; version: number; caps: CampaignCaps; pendingDays: number },
    rule: CampaignRewardRule,
    ruleIndex: number,
    who: { helperId: string; inviterId: string; rank: number | null; clientIp: string; deviceId: string | null },
  ): Promise<GrantOutcome> {
    const tally = await this.unitOfWork.run(({ manager }) =>
      this.rewards.recordHelp(
        {
          campaignId: campaign.campaignId,
          ruleIndex,
          helperId: who.helperId,
          inviterId: who.inviterId,
          action: rule.helperAction!,
          riskRank: who.rank,
        },
        manager,
      ),
    );
    if (!tally.counted) return 'already_helped';
    if (tally.helped < rule.helperCount!) return 'helped';
    const rank = tally.unknownRank ? null : tally.worstRank;
    return this.grant(campaign, rule, ruleIndex, {
      beneficiaryId: who.inviterId,
      inviteeId: who.helperId,
      rank,
      clientIp: who.clientIp,
      deviceId: who.deviceId,
    });
  }

  /** The action must be real: the product exists; reminders are actually on (a subscription was accepted). */
  private async verify(
    customerId: string,
    input: { action: CampaignAction; product?: string | undefined },
  ): Promise<void> {
    if (input.action === 'friend_read_terms') {
      const [product] = input.product
        ? ((await this.dataSource.query(`SELECT 1 AS one FROM products WHERE code = $1`, [input.product])) as unknown[])
        : [];
      if (!product) throw new AppException('VALIDATION_FAILED', [{ field: 'product', issue: 'unknown product' }]);
    } else {
      const [subscribed] = (await this.dataSource.query(
        `SELECT 1 AS one FROM subscriptions WHERE customer_id = $1 AND accepted_count > 0 LIMIT 1`,
        [customerId],
      )) as unknown[];
      if (!subscribed)
        throw new AppException('VALIDATION_FAILED', [{ field: 'action', issue: 'claim reminders are not turned on' }]);
    }
  }

  private async grant(
    campaign: { campaignId: string; version: number; caps: CampaignCaps; pendingDays: number },
    rule: CampaignRewardRule,
    ruleIndex: number,
    who: { beneficiaryId: string; inviteeId: string; rank: number | null; clientIp: string; deviceId: string | null },
  ): Promise<GrantOutcome> {
    const caps = campaign.caps;
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
            deviceId: who.deviceId,
            pendingDays: campaign.pendingDays,
          },
          manager,
        );
        if (!id) throw new GrantRefused('already_granted');
        const id_ = campaign.campaignId;
        // Each cap: today's count, then the whole campaign's; the first one reached refuses (and rolls all back).
        const take = async (key: string, perDay: number, perCampaign: number, refusal: GrantOutcome) => {
          if (!(await this.rewards.takeCap(id_, day, key, perDay, manager))) throw new GrantRefused(refusal);
          if (!(await this.rewards.takeTotalCap(id_, key, perCampaign, manager))) throw new GrantRefused(refusal);
        };
        await take(`user:${who.beneficiaryId}`, caps.perUserPerDay, caps.perUserPerCampaign, 'cap_user');
        await take(`ip:${who.clientIp}`, caps.perIpPerDay, caps.perIpPerCampaign, 'cap_ip');
        if (who.deviceId)
          await take(`device:${who.deviceId}`, caps.perDevicePerDay, caps.perDevicePerCampaign, 'cap_device');
        for (const idIndex of await this.rewards.idNumberIndexesOf(who.beneficiaryId, manager)) {
          await take(`id:${idIndex}`, caps.perIdNumberPerDay, caps.perIdNumberPerCampaign, 'cap_id_number');
        }
        if (!(await this.rewards.takeCap(id_, day, 'campaign', caps.perCampaignPerDay, manager)))
          throw new GrantRefused('cap_campaign');
        if (!(await this.rewards.takeBudget(campaign.campaignId, amountFen, manager)))
          throw new GrantRefused('budget_exhausted');
        this.logger.log({ rewardId: id, campaignId: campaign.campaignId, review }, 'campaign reward granted');
        return review ? 'review' : 'granted';
      });
    } catch (error) {
      if (error instanceof GrantRefused) return error.outcome;
      throw error;
    }
  }
}
