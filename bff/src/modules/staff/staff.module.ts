import { Module } from '@nestjs/common';
import { ClaimModule } from '../claim/claim.module.js';
import { DevStaffSeed } from './dev-staff.seed.js';
import { StaffAudit } from './staff-audit.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffAuthController, StaffClaimsController } from './staff-claims.controller.js';
import { StaffLoginUseCase } from './staff-login.use-case.js';

/** Staff sessions and roles, the audit trail, and the claim desk (manual review). */
@Module({
  imports: [ClaimModule],
  controllers: [StaffAuthController, StaffClaimsController],
  providers: [StaffAudit, StaffAuthGuard, StaffLoginUseCase, DevStaffSeed],
  exports: [StaffAudit, StaffAuthGuard],
})
export class StaffModule {}
