import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StaffLoginRequest, StaffLoginResponse, StaffRole } from '@xiaoan/shared';
import { hashSessionToken, newSessionToken } from '../../core/auth/session-token.js';
import { AppException } from '../../core/errors/app.exception.js';
import { StaffAudit } from './staff-audit.js';
import { verifyStaffPassword } from './staff-password.js';

/** A working day: staff sign in again each morning. */
const STAFF_SESSION_TTL_MS = 12 * 3600_000;

@Injectable()
export class StaffLoginUseCase {
  private readonly logger = new Logger('StaffLogin');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: StaffAudit,
  ) {}

  async execute(input: StaffLoginRequest, requestId?: string): Promise<StaffLoginResponse> {
    const rows = (await this.dataSource.query(
      `SELECT id, username, display_name, role, password_hash FROM staff_users WHERE username = $1 AND disabled_at IS NULL`,
      [input.username],
    )) as { id: string; username: string; display_name: string; role: StaffRole; password_hash: string }[];
    const user = rows[0];
    // Same answer for an unknown user and a wrong password.
    if (!user || !(await verifyStaffPassword(input.password, user.password_hash))) {
      await this.audit.record({ staffUserId: user?.id ?? null, username: input.username, action: 'login_failed', ...(requestId ? { requestId } : {}) });
      this.logger.warn({ username: input.username }, 'staff login refused');
      throw new AppException('STAFF_LOGIN_FAILED');
    }
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + STAFF_SESSION_TTL_MS);
    await this.dataSource.query(`INSERT INTO staff_sessions (staff_user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [user.id, hashSessionToken(token), expiresAt]);
    await this.audit.record({ staffUserId: user.id, username: user.username, action: 'login', ...(requestId ? { requestId } : {}) });
    return { token, expiresAt: expiresAt.toISOString(), role: user.role, displayName: user.display_name };
  }
}
