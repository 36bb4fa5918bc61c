import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { PolicyController } from './policy.controller.js';
import { PolicyQueries } from './policy.queries.js';

@Module({
  imports: [CatalogModule],
  controllers: [PolicyController],
  providers: [PolicyQueries],
})
export class PolicyModule {}
