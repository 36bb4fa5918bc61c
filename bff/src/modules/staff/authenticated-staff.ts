import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { StaffAction, StaffRole, StaffSubject } from '@xiaoan/shared';
import type { StaffAbility } from './domain/staff-policy.js';

/** The signed-in staff member of a request, set by StaffAuthGuard; also the actor of audit rows. */
export interface AuthenticatedStaff {
  staffUserId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  sessionId: string;
  mustChangePassword: boolean;
  ability: StaffAbility;
  /** Where the request came from, for the audit log. */
  ip: string | undefined;
  requestId: string | undefined;
}

export const STAFF_REQUIREMENT_KEY = 'xiaoan:staff-requirement';

export type StaffRequirement =
  | { kind: 'ability'; action: StaffAction; subject: StaffSubject }
  /** Any signed-in member (their own profile, sign-out, password change); allowed before a one-time password is replaced. */
  | { kind: 'member' };

/** The (action, subject) of the staff policy (domain/staff-policy.ts) that this route needs. */
export const StaffCan = (action: StaffAction, subject: StaffSubject) =>
  SetMetadata(STAFF_REQUIREMENT_KEY, { kind: 'ability', action, subject } satisfies StaffRequirement);

/** A route for any signed-in member, whatever their roles. */
export const StaffMember = () => SetMetadata(STAFF_REQUIREMENT_KEY, { kind: 'member' } satisfies StaffRequirement);

export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedStaff => {
  const request = context.switchToHttp().getRequest<{ staff?: AuthenticatedStaff }>();
  if (!request.staff) throw new Error('CurrentStaff used on a route without StaffAuthGuard');
  return request.staff;
});
