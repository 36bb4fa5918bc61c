import { Module, forwardRef } from '@nestjs/common';
import { checkEvidenceReaders, EVIDENCE_READERS, type ClaimEvidenceReader } from '../../products/evidence-readers.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { AccrueHeatClaimsUseCase } from './accrue-heat-claims.use-case.js';
import { ApproveRainClaimsUseCase } from './approve-rain-claims.use-case.js';
import { ChangeClaimPayoutUseCase } from './change-claim-payout.use-case.js';
import { ClaimController } from './claim.controller.js';
import { CloseClaimOnCancellationUseCase } from './close-claim-on-cancellation.use-case.js';
import { ClaimJobs } from './claim.jobs.js';
import { CLAIM_EVIDENCE_READERS, ClaimQueries } from './claim.queries.js';
import { ClaimRepository } from './claim.repository.js';
import { DecideClaimUseCase } from './decide-claim.use-case.js';
import { NotifyApprovedClaimsUseCase } from './notify-approved-claims.use-case.js';
import { NotifyHeatClaimsUseCase } from './notify-heat-claims.use-case.js';
import { OpenHeatClaimsUseCase } from './open-heat-claims.use-case.js';
import { OpenManualReviewsUseCase } from './open-manual-reviews.use-case.js';
import { SettleFlightClaimsUseCase } from './settle-flight-claims.use-case.js';

const readerClasses = Object.values(EVIDENCE_READERS);

/** Claims: decided by a flight's final status (or by customer service), read by the customer. */
@Module({
  // A claim closes its policy, a cancellation closes its claim: the two modules use each other.
  imports: [CatalogModule, forwardRef(() => PolicyModule)],
  controllers: [ClaimController],
  providers: [
    ...readerClasses,
    {
      provide: CLAIM_EVIDENCE_READERS,
      useFactory: (...readers: ClaimEvidenceReader[]) => checkEvidenceReaders(readers),
      inject: readerClasses,
    },
    ClaimQueries,
    ClaimRepository,
    OpenHeatClaimsUseCase,
    AccrueHeatClaimsUseCase,
    ChangeClaimPayoutUseCase,
    NotifyHeatClaimsUseCase,
    ApproveRainClaimsUseCase,
    CloseClaimOnCancellationUseCase,
    SettleFlightClaimsUseCase,
    OpenManualReviewsUseCase,
    NotifyApprovedClaimsUseCase,
    DecideClaimUseCase,
    ClaimJobs,
  ],
  exports: [
    ClaimQueries,
    OpenHeatClaimsUseCase,
    AccrueHeatClaimsUseCase,
    ChangeClaimPayoutUseCase,
    NotifyHeatClaimsUseCase,
    ApproveRainClaimsUseCase,
    CloseClaimOnCancellationUseCase,
    SettleFlightClaimsUseCase,
    OpenManualReviewsUseCase,
    DecideClaimUseCase,
    NotifyApprovedClaimsUseCase,
  ],
})
export class ClaimModule {}
