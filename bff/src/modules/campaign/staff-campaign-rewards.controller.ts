import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { staffCampaignReviewSchema } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { isUuid } from '../claim/claim.queries.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { RewardRepository, type RewardRow } from './reward.repository.js';
import { ReviewRewardUseCase } from './review-reward.use-case.js';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const toView = (r: RewardRow) => ({
  id: r.id,
  campaignId: r.campaign_id,
  kind: r.kind,
  amountFen: r.amount_fen,
  points: r.points,
  status: r.status,
  riskRank: r.risk_rank,
  beneficiaryId: r.beneficiary_id,
  inviteeId: r.invitee_id,
  createdAt: r.created_at.toISOString(),
});

/** Admin: the queue of rewards held for risk (getuserriskrank ≥ 4, or WeChat unreachable). */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/campaign-rewards')
export class StaffCampaignRewardsController {
  constructor(
    private readonly rewards: RewardRepository,
    private readonly reviewReward: ReviewRewardUseCase,
  ) {}

  @Get('review')
  @StaffCan('decide', 'CampaignReward')
  @ApiOperation({ summary: 'Rewards waiting for review, oldest first' })
  async queue(@Query() query: unknown): Promise<{ items: ReturnType<typeof toView>[] }> {
    const { limit } = parseWith(listQuerySchema, query);
    return { items: (await this.rewards.inReview(limit)).map(toView) };
  }

  @Post(':id/review')
  @StaffCan('decide', 'CampaignReward')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (→ pending, paid after the hold) or reject (budget returned)' })
  async review(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ReturnType<typeof toView>> {
    if (!isUuid(id)) throw new AppException('CAMPAIGN_REWARD_NOT_FOUND');
    return toView(await this.reviewReward.execute(staff, id, parseWith(staffCampaignReviewSchema, body)));
  }
}
