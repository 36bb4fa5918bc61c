import { Injectable } from '@nestjs/common';
import type { StaffChangePasswordRequest } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from './authenticated-staff.js';
import { StaffAudit } from './staff-audit.service.js';
import { hashStaffPassword, verifyStaffPassword } from './staff-password.js';
import { StaffUserRepository } from './staff-user.repository.js';

/**
 * The member sets a new password (required after a one-time password). The current one must be
 * given; every other session of the member ends, this one stays.
 */
@Injectable()
export class ChangeStaffPasswordUseCase {
  constructor(
    private readonly users: StaffUserRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: StaffAudit,
  ) {}

  async execute(staff: AuthenticatedStaff, input: StaffChangePasswordRequest): Promise<void> {
    const user = await this.users.findById(staff.staffUserId);
    if (!user || !(await verifyStaffPassword(input.currentPassword, user.password_hash)))
      throw new AppException('STAFF_CURRENT_PASSWORD_WRONG');
    const passwordHash = await hashStaffPassword(input.newPassword);
    await this.unitOfWork.run(async (tx) => {
      await this.users.setPassword(staff.staffUserId, passwordHash, false, tx.manager);
      await this.users.revokeSessionsOf(staff.staffUserId, tx.manager, staff.sessionId);
      await this.audit.record(
        staff,
        { action: 'password_changed', resourceType: 'staff_user', resourceId: staff.staffUserId },
        tx.manager,
      );
    });
  }
}
