import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hashSessionToken } from '../../core/auth/session-token.js';
import { AppException } from '../../core/errors/app.exception.js';
import { STAFF_REQUIREMENT_KEY, type AuthenticatedStaff, type StaffRequirement } from './authenticated-staff.js';
import { abilityFor } from './domain/staff-policy.js';
import { StaffAudit } from './staff-audit.service.js';
import { StaffUserRepository } from './staff-user.repository.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

type StaffRequest = {
  id?: string;
  ip?: string;
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  staff?: AuthenticatedStaff;
};

/**
 * Every staff route: `Authorization: Bearer <staff token>` of a live session of an enabled member,
 * then the route's (action, subject) asked of the member's ability (domain/staff-policy.ts). A
 * route that declares nothing is refused (fail closed). A member still on a one-time password may
 * only use member routes (profile, password change, sign-out). Every access, allowed or refused,
 * is written to the audit log before the handler runs.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private readonly logger = new Logger('StaffAuthGuard');

  constructor(
    private readonly users: StaffUserRepository,
    private readonly reflector: Reflector,
    private readonly audit: StaffAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppException('STAFF_UNAUTHENTICATED');
    const session = await this.users.findLiveSession(hashSessionToken(match[1]!));
    if (!session) throw new AppException('STAFF_UNAUTHENTICATED');
    const staff: AuthenticatedStaff = {
      staffUserId: session.staff_user_id,
      username: session.username,
      displayName: session.display_name,
      roles: session.roles,
      sessionId: session.session_id,
      mustChangePassword: session.must_change_password,
      ability: abilityFor(session.roles),
      ip: request.ip,
      requestId: request.id === undefined ? undefined : String(request.id),
    };
    const requirement = this.reflector.getAllAndOverride<StaffRequirement | undefined>(STAFF_REQUIREMENT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!requirement)
      this.logger.error(
        { route: `${request.method} ${request.url}` },
        'staff route declares no policy requirement: refused',
      );
    const route = `${request.method} ${request.url.split('?')[0]}`;
    if (staff.mustChangePassword && requirement?.kind !== 'member') {
      await this.audit.record(staff, {
        action: 'access_denied',
        resourceType: 'route',
        resourceId: route,
        detail: { why: 'password_change_required' },
      });
      throw new AppException('STAFF_PASSWORD_CHANGE_REQUIRED');
    }
    const permitted =
      requirement !== undefined &&
      (requirement.kind === 'member' || staff.ability.can(requirement.action, requirement.subject));
    request.staff = staff;
    // A member's own routes (profile, password, sign-out) touch no customer's data: they record their own actions, if any.
    if (requirement?.kind === 'member') return true;
    await this.audit.record(staff, {
      action: permitted ? 'access' : 'access_denied',
      resourceType: 'route',
      resourceId: route,
      ...(requirement?.kind === 'ability' ? { detail: { needs: `${requirement.action} ${requirement.subject}` } } : {}),
    });
    if (!permitted) {
      request.staff = undefined;
      throw new AppException('STAFF_ROLE_FORBIDDEN');
    }
    return true;
  }
}
