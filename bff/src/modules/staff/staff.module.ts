import { Module } from '@nestjs/common';
import { ClaimModule } from '../claim/claim.module.js';
import { OrderModule } from '../order/order.module.js';
import { PayoutModule } from '../payout/payout.module.js';
import { DevStaffSeed } from './dev-staff.seed.js';
import { StaffAudit } from './staff-audit.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffAuthController, StaffClaimsController } from './staff-claims.controller.js';
import { StaffLoginUseCase } from './staff-login.use-case.js';
import { StaffMoneyController } from './staff-money.controller.js';
import { StaffWeatherFlagsController } from './staff-weather-flags.controller.js';

/** Staff sessions and roles, the audit trail, the claim desk (manual review), weather corrections to review and the money desk. */
@Module({
  imports: [ClaimModule, OrderModule, PayoutModule],
  controllers: [StaffAuthController, StaffClaimsController, StaffWeatherFlagsController, StaffMoneyController],
  providers: [StaffAudit, StaffAuthGuard, StaffLoginUseCase, DevStaffSeed],
  exports: [StaffAudit, StaffAuthGuard],
})
export class StaffModule {}
