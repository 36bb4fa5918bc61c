import { Injectable, Logger } from '@nestjs/common';
import type { CreateStaffUserRequest, StaffUserWithPasswordResponse } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { StaffAuditActor } from './staff-audit.service.js';
import { StaffAudit } from './staff-audit.service.js';
import { generateStaffPassword, hashStaffPassword } from './staff-password.js';
import { StaffUserRepository, toStaffUser } from './staff-user.repository.js';

/**
 * An admin (or the first-admin CLI) creates a staff member. The member gets a one-time password,
 * returned here once and kept only as its hash; their first sign-in must replace it.
 */
@Injectable()
export class CreateStaffUserUseCase {
  private readonly logger = new Logger('CreateStaffUser');

  constructor(
    private readonly users: StaffUserRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: StaffAudit,
  ) {}

  async execute(
    actor: StaffAuditActor,
    input: CreateStaffUserRequest,
    options: { password?: string; mustChangePassword?: boolean } = {},
  ): Promise<StaffUserWithPasswordResponse> {
    const oneTimePassword = options.password ?? generateStaffPassword();
    const passwordHash = await hashStaffPassword(oneTimePassword);
    const user = await this.unitOfWork.run(async (tx) => {
      const id = await this.users.insert(
        {
          username: input.username,
          displayName: input.displayName,
          roles: input.roles,
          passwordHash,
          mustChangePassword: options.mustChangePassword ?? true,
        },
        tx.manager,
      );
      if (!id) throw new AppException('STAFF_USERNAME_TAKEN');
      await this.audit.record(
        actor,
        {
          action: 'staff_user_created',
          resourceType: 'staff_user',
          resourceId: id,
          detail: { username: input.username, roles: input.roles },
        },
        tx.manager,
      );
      return (await this.users.findById(id, tx.manager))!;
    });
    this.logger.log(
      { staffUserId: user.id, username: user.username, roles: user.roles, by: actor.username },
      'staff user created',
    );
    return { user: toStaffUser(user), oneTimePassword };
  }
}
