import { Module } from '@nestjs/common';
import { ClaimModule } from '../claim/claim.module.js';
import { DevStaffSeed } from './dev-staff.seed.js';
import { StaffAudit } from './staff-audit.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffAuthController, StaffClaimsController } from './staff-claims.controller.js';
import { StaffLoginUseCase } from './staff-login.use-case.js';
import { StaffWeatherFlagsController } from './staff-weather-flags.controller.js';

/** Staff sessions and roles, the audit trail, the claim desk (manual review) and weather corrections to review. */
@Module({
  imports: [ClaimModule],
  controllers: [StaffAuthController, StaffClaimsController, StaffWeatherFlagsController],
  providers: [StaffAudit, StaffAuthGuard, StaffLoginUseCase, DevStaffSeed],
  exports: [StaffAudit, StaffAuthGuard],
})
export class StaffModule {}
