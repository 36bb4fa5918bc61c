import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@xiaoan/shared';
import type { AuthenticatedStaff } from '../../src/modules/staff/authenticated-staff.js';
import { CreateStaffUserUseCase } from '../../src/modules/staff/create-staff-user.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { StaffLoginThrottle } from '../../src/modules/staff/staff-login-throttle.repository.js';
import { StaffLoginUseCase } from '../../src/modules/staff/staff-login.use-case.js';
import { StaffUserRepository } from '../../src/modules/staff/staff-user.repository.js';
import type { Medium } from './medium.js';

/** Staff fixtures for the medium tests: members made by CreateStaffUserUseCase, signed in by StaffLoginUseCase. */

export interface Member {
  id: string;
  username: string;
  password: string;
  roles: StaffRole[];
}

/** A member as an admin creates one, with a known password (their one-time password, until changed). */
export const addMember = async (medium: Medium, roles: StaffRole[] = ['support']): Promise<Member> => {
  const username = `medium_${roles[0]}_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const created = await new CreateStaffUserUseCase(
    new StaffUserRepository(medium.dataSource),
    medium.unitOfWork,
    new StaffAudit(medium.dataSource),
  ).execute({ staffUserId: null, username: 'medium-setup' }, { username, displayName: username, roles }, { password });
  return { id: created.user.id, username, password, roles };
};

/** StaffLoginUseCase as the app wires it. */
export const staffLoginOf = (medium: Medium): StaffLoginUseCase =>
  new StaffLoginUseCase(
    new StaffUserRepository(medium.dataSource),
    new StaffLoginThrottle(medium.dataSource, medium.config),
    new StaffAudit(medium.dataSource),
  );

/** The member signed in (a session of their own), as the staff guard then knows them. */
export const signedIn = async (medium: Medium, member: Member): Promise<AuthenticatedStaff> => {
  await staffLoginOf(medium).execute(
    { username: member.username, password: member.password },
    { ip: '10.9.0.1', requestId: undefined },
  );
  const { rows } = await medium.db.query<{ id: string }>(
    `SELECT id::text FROM staff_sessions WHERE staff_user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [member.id],
  );
  return {
    staffUserId: member.id,
    username: member.username,
    displayName: member.username,
    roles: member.roles,
    sessionId: rows[0]!.id,
    mustChangePassword: true,
    ip: '10.9.0.1',
    requestId: `req-${randomBytes(4).toString('hex')}`,
  } as unknown as AuthenticatedStaff;
};
