import { Injectable, Logger } from '@nestjs/common';
import type { StaffRole, StaffUser, StaffUserWithPasswordResponse } from '@xiaoan/shared';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from './authenticated-staff.js';
import { StaffAudit } from './staff-audit.service.js';
import { StaffLoginThrottle } from './staff-login-throttle.repository.js';
import { generateStaffPassword, hashStaffPassword } from './staff-password.js';
import { StaffUserRepository, toStaffUser, type StaffUserRow } from './staff-user.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What an admin does to an existing account: disable (sessions end at once), enable, reset the
 * password (a new one-time password, shown once; sessions end; a lock is lifted), change roles.
 * Each is one transaction with its audit row and its reason. An admin can neither disable
 * themselves nor drop their own admin role, so an admin always remains.
 */
@Injectable()
export class ManageStaffUserUseCase {
  private readonly logger = new Logger('ManageStaffUser');

  constructor(
    private readonly users: StaffUserRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: StaffAudit,
    private readonly throttle: StaffLoginThrottle,
  ) {}

  async setEnabled(actor: AuthenticatedStaff, id: string, enabled: boolean, reason: string): Promise<StaffUser> {
    if (!enabled && id === actor.staffUserId) throw new AppException('STAFF_SELF_LOCKOUT');
    return this.onUser(id, async (user, tx) => {
      const changed = enabled === Boolean(user.disabled_at);
      if (!changed) return;
      await this.users.setDisabled(id, !enabled, tx.manager);
      if (!enabled) await this.users.revokeSessionsOf(id, tx.manager);
      await this.audit.record(
        actor,
        {
          action: enabled ? 'staff_user_enabled' : 'staff_user_disabled',
          resourceType: 'staff_user',
          resourceId: id,
          reason,
          detail: { username: user.username },
        },
        tx.manager,
      );
      this.logger.log(
        { staffUserId: id, username: user.username, enabled, by: actor.username },
        'staff user status changed',
      );
    });
  }

  async setRoles(actor: AuthenticatedStaff, id: string, roles: StaffRole[], reason: string): Promise<StaffUser> {
    if (id === actor.staffUserId && actor.roles.includes('admin') && !roles.includes('admin'))
      throw new AppException('STAFF_SELF_LOCKOUT');
    return this.onUser(id, async (user, tx) => {
      if (user.roles.join(',') === roles.join(',')) return;
      await this.users.setRoles(id, roles, tx.manager);
      await this.audit.record(
        actor,
        {
          action: 'staff_user_roles_changed',
          resourceType: 'staff_user',
          resourceId: id,
          reason,
          detail: { username: user.username, from: user.roles, to: roles },
        },
        tx.manager,
      );
    });
  }

  async resetPassword(actor: AuthenticatedStaff, id: string, reason: string): Promise<StaffUserWithPasswordResponse> {
    const oneTimePassword = generateStaffPassword();
    const passwordHash = await hashStaffPassword(oneTimePassword);
    const user = await this.onUser(id, async (row, tx) => {
      await this.users.setPassword(id, passwordHash, true, tx.manager);
      await this.users.revokeSessionsOf(id, tx.manager);
      await this.throttle.clearAccount(row.username, tx.manager);
      await this.audit.record(
        actor,
        {
          action: 'staff_user_password_reset',
          resourceType: 'staff_user',
          resourceId: id,
          reason,
          detail: { username: row.username },
        },
        tx.manager,
      );
    });
    return { user, oneTimePassword };
  }

  private async onUser(id: string, work: (user: StaffUserRow, tx: Transaction) => Promise<void>): Promise<StaffUser> {
    if (!UUID.test(id)) throw new AppException('STAFF_USER_NOT_FOUND');
    return this.unitOfWork.run(async (tx) => {
      const user = await this.users.findById(id, tx.manager, true);
      if (!user) throw new AppException('STAFF_USER_NOT_FOUND');
      await work(user, tx);
      return toStaffUser((await this.users.findById(id, tx.manager))!);
    });
  }
}
