import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClaimModule } from '../claim/claim.module.js';
import { CollectClaimUseCase } from './collect-claim.use-case.js';
import { ListPayoutProblemsUseCase } from './list-payout-problems.use-case.js';
import { ResolveCreatingBillsUseCase } from './resolve-creating-bills.use-case.js';
import { PayoutBillRepository } from './payout-bill.repository.js';
import { PayoutController } from './payout.controller.js';
import { PayoutJobs } from './payout.jobs.js';
import { ReofferPayoutUseCase } from './reoffer-payout.use-case.js';
import { RecordTransferOutcomeUseCase } from './record-transfer-outcome.use-case.js';
import { SyncPayoutBillUseCase } from './sync-payout-bill.use-case.js';
import { CreateTransferBillUseCase } from './create-transfer-bill.use-case.js';
import { TransferNotifyController } from './transfer-notify.controller.js';
import { TransferRateBucket } from './transfer-rate.bucket.js';

/** Payout: approved claims become WeChat Pay transfer bills (scene 1004) the customer confirms. */
@Module({
  imports: [CatalogModule, CampaignModule, ClaimModule],
  controllers: [PayoutController, TransferNotifyController],
  providers: [
    CollectClaimUseCase,
    PayoutBillRepository,
    CreateTransferBillUseCase,
    TransferRateBucket,
    RecordTransferOutcomeUseCase,
    SyncPayoutBillUseCase,
    ResolveCreatingBillsUseCase,
    ListPayoutProblemsUseCase,
    PayoutJobs,
    ReofferPayoutUseCase,
  ],
  exports: [
    TransferRateBucket,
    SyncPayoutBillUseCase,
    ResolveCreatingBillsUseCase,
    ListPayoutProblemsUseCase,
    ReofferPayoutUseCase,
  ],
})
export class PayoutModule {}
