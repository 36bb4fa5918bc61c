import { Module, forwardRef } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClaimModule } from '../claim/claim.module.js';
import { CancelPolicyUseCase } from './cancel-policy.use-case.js';
import { CloseEndedCoverUseCase } from './close-ended-cover.use-case.js';
import { IssuePolicyUseCase } from './issue-policy.use-case.js';
import { GetPolicyDocumentUseCase } from './document/get-policy-document.use-case.js';
import { PolicyController } from './policy.controller.js';
import { PolicyQueries } from './policy.queries.js';
import { PolicyRepository } from './policy.repository.js';

@Module({
  // A claim closes its policy, a cancellation closes its claim: the two modules use each other.
  imports: [CatalogModule, forwardRef(() => ClaimModule)],
  controllers: [PolicyController],
  providers: [
    PolicyQueries,
    PolicyRepository,
    IssuePolicyUseCase,
    CloseEndedCoverUseCase,
    GetPolicyDocumentUseCase,
    CancelPolicyUseCase,
  ],
  exports: [CancelPolicyUseCase, GetPolicyDocumentUseCase, IssuePolicyUseCase, CloseEndedCoverUseCase],
})
export class PolicyModule {}
