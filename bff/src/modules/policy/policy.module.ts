import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CancelPolicyUseCase } from './cancel-policy.use-case.js';
import { GetPolicyDocumentUseCase } from './document/get-policy-document.use-case.js';
import { PolicyController } from './policy.controller.js';
import { PolicyQueries } from './policy.queries.js';

@Module({
  imports: [CatalogModule],
  controllers: [PolicyController],
  providers: [PolicyQueries, GetPolicyDocumentUseCase, CancelPolicyUseCase],
  exports: [CancelPolicyUseCase, GetPolicyDocumentUseCase],
})
export class PolicyModule {}
