import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StaffRole } from '@xiaoan/shared';
import { hashSessionToken } from '../../core/auth/session-token.js';
import { AppException } from '../../core/errors/app.exception.js';
import { STAFF_ROLES_KEY, type AuthenticatedStaff } from './authenticated-staff.js';
import { StaffAudit } from './staff-audit.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

type StaffRequest = {
  id?: string;
  method: string;
  url: string;
  params?: Record<string, string>;
  headers: Record<string, string | undefined>;
  staff?: AuthenticatedStaff;
};

/**
 * Staff endpoints: `Authorization: Bearer <staff token>` of a live session of an enabled staff
 * user whose role the route allows. Every access, allowed or refused, is written to the audit log
 * before the handler runs.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    private readonly audit: StaffAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppException('STAFF_UNAUTHENTICATED');
    const rows = (await this.dataSource.query(
      `SELECT s.id AS session_id, u.id AS staff_user_id, u.username, u.role
         FROM staff_sessions s JOIN staff_users u ON u.id = s.staff_user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hashSessionToken(match[1]!)],
    )) as { session_id: string; staff_user_id: string; username: string; role: StaffRole }[];
    const session = rows[0];
    if (!session) throw new AppException('STAFF_UNAUTHENTICATED');
    const staff: AuthenticatedStaff = { staffUserId: session.staff_user_id, username: session.username, role: session.role, sessionId: session.session_id };
    const allowed = this.reflector.getAllAndOverride<StaffRole[] | undefined>(STAFF_ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const permitted = staff.role === 'admin' || allowed.includes(staff.role);
    await this.audit.record({
      staffUserId: staff.staffUserId,
      username: staff.username,
      action: permitted ? 'access' : 'access_denied',
      resourceType: 'route',
      resourceId: `${request.method} ${request.url.split('?')[0]}`,
      ...(request.id ? { requestId: String(request.id) } : {}),
    });
    if (!permitted) throw new AppException('STAFF_ROLE_FORBIDDEN');
    request.staff = staff;
    return true;
  }
}
