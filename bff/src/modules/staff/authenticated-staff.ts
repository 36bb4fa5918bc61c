import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { StaffRole } from '@xiaoan/shared';

export interface AuthenticatedStaff {
  staffUserId: string;
  username: string;
  role: StaffRole;
  sessionId: string;
}

export const STAFF_ROLES_KEY = 'xiaoan:staff-roles';
/** The roles allowed on a staff route (admin is always allowed). */
export const StaffRoles = (...roles: StaffRole[]) => SetMetadata(STAFF_ROLES_KEY, roles);

export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedStaff => {
  const request = context.switchToHttp().getRequest<{ staff?: AuthenticatedStaff }>();
  if (!request.staff) throw new Error('CurrentStaff used on a route without StaffAuthGuard');
  return request.staff;
});
