import { Injectable } from '@nestjs/common';
import type { MyInvite, MyInvitesResponse } from '@xiaoan/shared';
import { sharePathOf } from './domain/invite-code.js';
import { InviteRepository } from './invite.repository.js';
import { RewardRepository } from './reward.repository.js';

const maskOpenid = (openid: string): string => `微信用户${openid.slice(-4)}`;

/** The customer's own invite code and share path, and what their invites have earned. */
@Injectable()
export class MyInviteUseCase {
  constructor(
    private readonly invites: InviteRepository,
    private readonly rewards: RewardRepository,
  ) {}

  async code(customerId: string): Promise<MyInvite> {
    const inviteCode = await this.invites.codeOf(customerId);
    return { inviteCode, sharePath: sharePathOf(inviteCode) };
  }

  async invitesAndRewards(customerId: string): Promise<MyInvitesResponse> {
    const [invites, rewards] = await Promise.all([this.invites.invitesOf(customerId), this.rewards.ofBeneficiary(customerId)]);
    const now = Date.now();
    return {
      invites: invites.map((i) => ({ boundAt: i.bound_at.toISOString(), friendMasked: maskOpenid(i.openid) })),
      rewards: rewards.map((r) => ({
        id: r.id,
        campaignId: r.campaign_id,
        kind: r.kind,
        amountFen: r.amount_fen,
        points: r.points,
        // Pending turns payable by time alone: the hold is over.
        status: (r.status === 'pending' && r.payable_at.getTime() <= now ? 'payable' : r.status) as MyInvitesResponse['rewards'][number]['status'],
        payableAt: r.payable_at.toISOString(),
      })),
    };
  }
}
