import { Inject, Injectable } from '@nestjs/common';
import type { MyHelperProgress, MyInvite, MyInvitesResponse } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { CampaignRepository } from './campaign.repository.js';
import { sharePathOf } from './domain/invite-code.js';
import { POSTER_QUEUE } from './make-invite-poster.use-case.js';
import { InviteRepository } from './invite.repository.js';
import { RewardRepository } from './reward.repository.js';

const maskOpenid = (openid: string): string => `微信用户${openid.slice(-4)}`;

/** The customer's own invite code and share path, and what their invites have earned. */
@Injectable()
export class MyInviteUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invites: InviteRepository,
    private readonly rewards: RewardRepository,
    private readonly campaigns: CampaignRepository,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  /**
   * The code, the share path, the H5 link carrying the same code, and the poster's address. A new
   * code queues its poster in the same transaction, so the poster is made before anyone asks for it.
   */
  async code(customerId: string): Promise<MyInvite> {
    const inviteCode = await this.unitOfWork.run(async ({ manager, enqueue }) => {
      const { code, made } = await this.invites.codeOf(customerId, manager);
      if (made) await enqueue(POSTER_QUEUE, { inviteCode: code }, { singletonKey: `poster:${code}` });
      return code;
    });
    const base = this.integrations.publicBaseUrl.replace(/\/$/, '');
    return {
      inviteCode,
      sharePath: sharePathOf(inviteCode),
      // The H5 build routes by hash (miniprogram/config: router mode 'hash').
      h5Link: `${base}/#${sharePathOf(inviteCode)}`,
      posterUrl: `${base}/api/v1/campaigns/posters/${inviteCode}.png`,
    };
  }

  /** 助力 progress in live helper rules: helpers counted so far against the stated number. */
  async helperProgress(customerId: string): Promise<MyHelperProgress> {
    const [live, helps] = await Promise.all([this.campaigns.live(), this.rewards.helpsOf(customerId)]);
    const items: MyHelperProgress['items'] = [];
    for (const campaign of live) {
      campaign.definition.rewardRules.forEach((rule, ruleIndex) => {
        if (rule.trigger !== 'helpers_reached' || rule.helperCount === undefined) return;
        const mine = helps.find((h) => h.campaign_id === campaign.id && h.rule_index === ruleIndex);
        items.push({
          campaignId: campaign.id,
          ruleIndex,
          helperCount: rule.helperCount,
          helped: Math.min(mine?.helped ?? 0, rule.helperCount),
          rewarded: mine?.rewarded ?? false,
        });
      });
    }
    return { items };
  }

  async invitesAndRewards(customerId: string): Promise<MyInvitesResponse> {
    const [invites, rewards] = await Promise.all([
      this.invites.invitesOf(customerId),
      this.rewards.ofBeneficiary(customerId),
    ]);
    return {
      invites: invites.map((i) => ({ boundAt: i.bound_at.toISOString(), friendMasked: maskOpenid(i.openid) })),
      rewards: rewards.map((r) => ({
        id: r.id,
        campaignId: r.campaign_id,
        kind: r.kind,
        amountFen: r.amount_fen,
        points: r.points,
        // Pending turns payable by time alone: the hold is over.
        status: (r.status === 'pending' && r.hold_over
          ? 'payable'
          : r.status) as MyInvitesResponse['rewards'][number]['status'],
        payableAt: r.payable_at.toISOString(),
      })),
    };
  }
}
