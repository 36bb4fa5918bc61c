import { Module } from '@nestjs/common';
import { ClaimModule } from '../claim/claim.module.js';
import { ChangeStaffPasswordUseCase } from './change-staff-password.use-case.js';
import { CreateStaffUserUseCase } from './create-staff-user.use-case.js';
import { DevStaffSeed } from './dev-staff.seed.js';
import { ManageStaffUserUseCase } from './manage-staff-user.use-case.js';
import { StaffAudit } from './staff-audit.service.js';
import { StaffAuditController } from './staff-audit.controller.js';
import { StaffAuditRepository } from './staff-audit.repository.js';
import { StaffAuthController } from './staff-auth.controller.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffClaimsController } from './staff-claims.controller.js';
import { StaffLoginThrottle } from './staff-login-throttle.repository.js';
import { StaffLoginUseCase } from './staff-login.use-case.js';
import { StaffUserRepository } from './staff-user.repository.js';
import { StaffUsersController } from './staff-users.controller.js';

/**
 * Staff accounts, sessions and roles, the one staff policy (domain/staff-policy.ts) and its guard,
 * the audit trail, and the claim desk (manual review). Other modules
 * import it for StaffAuthGuard (with @StaffCan on each route) and StaffAudit.
 */
@Module({
  imports: [ClaimModule],
  controllers: [StaffAuthController, StaffUsersController, StaffAuditController, StaffClaimsController],
  providers: [
    StaffAudit,
    StaffAuditRepository,
    StaffAuthGuard,
    StaffUserRepository,
    StaffLoginThrottle,
    StaffLoginUseCase,
    ChangeStaffPasswordUseCase,
    CreateStaffUserUseCase,
    ManageStaffUserUseCase,
    DevStaffSeed,
  ],
  exports: [StaffAudit, StaffAuthGuard, StaffUserRepository, CreateStaffUserUseCase],
})
export class StaffModule {}
