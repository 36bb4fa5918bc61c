import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module.js';
import { TransferRateBucket } from '../payout/transfer-rate.bucket.js';
import { CollectRewardUseCase } from './collect-reward.use-case.js';
import { RewardBillRepository } from './reward-bill.repository.js';
import { SyncRewardBillUseCase } from './sync-reward-bill.use-case.js';
import { CampaignAnalyticsRepository } from './campaign-analytics.repository.js';
import { CampaignAnalyticsUseCase } from './campaign-analytics.use-case.js';
import { CampaignRepository } from './campaign.repository.js';
import { InvitePosterRepository } from './invite-poster.repository.js';
import { MakeInvitePosterUseCase } from './make-invite-poster.use-case.js';
import { PosterComposer } from './poster/poster-composer.js';
import { BindInviteUseCase } from './bind-invite.use-case.js';
import { CampaignsController } from './campaigns.controller.js';
import { ChangeCampaignStatusUseCase } from './change-campaign-status.use-case.js';
import { CreateCampaignUseCase } from './create-campaign.use-case.js';
import { InviteRepository } from './invite.repository.js';
import { MyInviteUseCase } from './my-invite.use-case.js';
import { RecordCampaignActionUseCase } from './record-campaign-action.use-case.js';
import { RecordRewardTransferOutcomeUseCase } from './record-reward-transfer-outcome.use-case.js';
import { ReviewCampaignUseCase } from './review-campaign.use-case.js';
import { ReviewRewardUseCase } from './review-reward.use-case.js';
import { RewardRepository } from './reward.repository.js';
import { StaffCampaignRewardsController } from './staff-campaign-rewards.controller.js';
import { StaffCampaignsController } from './staff-campaigns.controller.js';
import { SubmitCampaignUseCase } from './submit-campaign.use-case.js';
import { UpdateCampaignUseCase } from './update-campaign.use-case.js';

/** Share-and-win campaigns (issue 12): staff lifecycle, invite binding, fixed rewards within budget and caps. */
@Module({
  imports: [StaffModule],
  controllers: [StaffCampaignsController, StaffCampaignRewardsController, CampaignsController],
  providers: [
    CampaignRepository,
    InviteRepository,
    RewardRepository,
    CreateCampaignUseCase,
    UpdateCampaignUseCase,
    SubmitCampaignUseCase,
    ReviewCampaignUseCase,
    ChangeCampaignStatusUseCase,
    MyInviteUseCase,
    BindInviteUseCase,
    RecordCampaignActionUseCase,
    ReviewRewardUseCase,
    RewardBillRepository,
    CollectRewardUseCase,
    SyncRewardBillUseCase,
    RecordRewardTransferOutcomeUseCase,
    CampaignAnalyticsRepository,
    CampaignAnalyticsUseCase,
    InvitePosterRepository,
    MakeInvitePosterUseCase,
    PosterComposer,
    // The same PostgreSQL bucket (100/s per merchant) claim payouts take from.
    TransferRateBucket,
  ],
  exports: [BindInviteUseCase, RecordRewardTransferOutcomeUseCase],
})
export class CampaignModule {}
