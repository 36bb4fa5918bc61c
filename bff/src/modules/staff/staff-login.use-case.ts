import { Injectable, Logger } from '@nestjs/common';
import type { StaffLoginRequest, StaffLoginResponse } from '@xiaoan/shared';
import { hashSessionToken, newSessionToken } from '../../core/auth/session-token.js';
import { AppException } from '../../core/errors/app.exception.js';
import { StaffAudit } from './staff-audit.service.js';
import { accountKey, ipKey, StaffLoginThrottle } from './staff-login-throttle.repository.js';
import { verifyAgainstNobody, verifyStaffPassword } from './staff-password.js';
import { StaffUserRepository } from './staff-user.repository.js';

/** A working day: staff sign in again each morning. */
const STAFF_SESSION_TTL_MS = 12 * 3600_000;

export interface StaffLoginContext {
  ip: string | undefined;
  requestId: string | undefined;
}

/**
 * Staff sign-in. A locked account or IP is refused before any hashing (429 with Retry-After), even
 * with the right password; a wrong password counts against both. Unknown and disabled accounts get
 * the same answer, after the same work, as a wrong password.
 */
@Injectable()
export class StaffLoginUseCase {
  private readonly logger = new Logger('StaffLogin');

  constructor(
    private readonly users: StaffUserRepository,
    private readonly throttle: StaffLoginThrottle,
    private readonly audit: StaffAudit,
  ) {}

  async execute(input: StaffLoginRequest, context: StaffLoginContext): Promise<StaffLoginResponse> {
    const username = input.username.toLowerCase();
    const attempt = { staffUserId: null, username, ...context };
    const lockedFor = await this.throttle.lockedForSeconds(
      context.ip ? [accountKey(username), ipKey(context.ip)] : [accountKey(username)],
    );
    if (lockedFor > 0) {
      await this.audit.record(attempt, { action: 'login_throttled', detail: { retryAfterSeconds: lockedFor } });
      this.logger.warn(
        { username, ip: context.ip, retryAfterSeconds: lockedFor },
        'staff login refused: locked after too many wrong passwords',
      );
      throw new AppException('RATE_LIMITED', { retryAfterSeconds: lockedFor });
    }

    const user = await this.users.findByUsername(username);
    const usable = user && !user.disabled_at ? user : undefined;
    const valid = usable
      ? await verifyStaffPassword(input.password, usable.password_hash)
      : await verifyAgainstNobody(input.password);
    if (!usable || !valid) {
      await this.throttle.recordFailure(username, context.ip);
      await this.audit.record({ ...attempt, staffUserId: user?.id ?? null }, { action: 'login_failed' });
      this.logger.warn({ username, ip: context.ip }, 'staff login refused');
      throw new AppException('STAFF_LOGIN_FAILED');
    }

    await this.throttle.recordSuccess(username);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + STAFF_SESSION_TTL_MS);
    await this.users.createSession(usable.id, hashSessionToken(token), expiresAt);
    await this.users.markLoggedIn(usable.id);
    await this.audit.record({ ...attempt, staffUserId: usable.id, roles: usable.roles }, { action: 'login' });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      roles: usable.roles,
      displayName: usable.display_name,
      mustChangePassword: usable.must_change_password,
    };
  }
}
