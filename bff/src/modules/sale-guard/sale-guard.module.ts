import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module.js';
import { LiftRouteStopSaleUseCase } from './lift-route-stop-sale.use-case.js';
import { ListVersionLossRatiosUseCase } from './list-version-loss-ratios.use-case.js';
import { SaleGuardRepository } from './sale-guard.repository.js';
import { SaleGuardService } from './sale-guard.service.js';
import { SetRouteStopSaleUseCase } from './set-route-stop-sale.use-case.js';
import { StaffPricingGuardController } from './staff-pricing-guard.controller.js';

/** Live guard rails on flight-delay sales: loss-ratio stops per version, weather stops per route. */
@Module({
  imports: [StaffModule],
  controllers: [StaffPricingGuardController],
  providers: [
    SaleGuardRepository,
    SaleGuardService,
    ListVersionLossRatiosUseCase,
    SetRouteStopSaleUseCase,
    LiftRouteStopSaleUseCase,
  ],
  exports: [SaleGuardService],
})
export class SaleGuardModule {}
