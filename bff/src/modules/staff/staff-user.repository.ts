import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffRole, StaffUser, StaffUserListQuery } from '@xiaoan/shared';

export interface StaffUserRow {
  id: string;
  username: string;
  display_name: string;
  roles: StaffRole[];
  password_hash: string;
  must_change_password: boolean;
  created_at: Date;
  disabled_at: Date | null;
  last_login_at: Date | null;
  locked_until: Date | null;
}

export interface StaffSessionRow {
  session_id: string;
  staff_user_id: string;
  username: string;
  display_name: string;
  roles: StaffRole[];
  must_change_password: boolean;
}

const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.roles, u.password_hash, u.must_change_password, u.created_at, u.disabled_at, u.last_login_at,
         (SELECT t.locked_until FROM staff_login_throttle t WHERE t.key = 'account:' || u.username AND t.locked_until > now()) AS locked_until
    FROM staff_users u`;

export const toStaffUser = (row: StaffUserRow): StaffUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles,
  status: row.disabled_at ? 'disabled' : 'active',
  mustChangePassword: row.must_change_password,
  createdAt: row.created_at.toISOString(),
  disabledAt: row.disabled_at?.toISOString() ?? null,
  lastLoginAt: row.last_login_at?.toISOString() ?? null,
  lockedUntil: row.locked_until?.toISOString() ?? null,
});

/** Staff accounts and their sessions. No rules here: the use cases decide. */
@Injectable()
export class StaffUserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByUsername(
    username: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StaffUserRow | undefined> {
    return ((await manager.query(`${USER_SELECT} WHERE u.username = $1`, [username])) as StaffUserRow[])[0];
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StaffUserRow | undefined> {
    return (
      (await manager.query(`${USER_SELECT} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`, [id])) as StaffUserRow[]
    )[0];
  }

  async list(query: StaffUserListQuery): Promise<{ rows: StaffUserRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
    }
    if (query.role) {
      params.push(query.role);
      where.push(`$${params.length} = ANY(u.roles)`);
    }
    if (query.status) where.push(query.status === 'active' ? 'u.disabled_at IS NULL' : 'u.disabled_at IS NOT NULL');
    const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM staff_users u${filter}`,
      params,
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `${USER_SELECT}${filter} ORDER BY u.created_at, u.username LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    )) as StaffUserRow[];
    return { rows, total };
  }

  /** Inserts unless the username is taken; undefined then. */
  async insert(
    user: {
      username: string;
      displayName: string;
      roles: StaffRole[];
      passwordHash: string;
      mustChangePassword: boolean;
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | undefined> {
    const rows = (await manager.query(
      `INSERT INTO staff_users (username, display_name, roles, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username, user.displayName, user.roles, user.passwordHash, user.mustChangePassword],
    )) as { id: string }[];
    return rows[0]?.id;
  }

  async setDisabled(id: string, disabled: boolean, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE staff_users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1`,
      [id, disabled],
    );
  }

  async setRoles(id: string, roles: StaffRole[], manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE staff_users SET roles = $2 WHERE id = $1`, [id, roles]);
  }

  async setPassword(
    id: string,
    passwordHash: string,
    mustChangePassword: boolean,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE staff_users SET password_hash = $2, must_change_password = $3, password_changed_at = now() WHERE id = $1`,
      [id, passwordHash, mustChangePassword],
    );
  }

  async markLoggedIn(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE staff_users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  async countActiveAdmins(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ count }] = (await manager.query(
      `SELECT count(*)::int AS count FROM staff_users WHERE disabled_at IS NULL AND 'admin' = ANY(roles)`,
    )) as [{ count: number }];
    return count;
  }

  async createSession(
    staffUserId: string,
    tokenHash: string,
    expiresAt: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(`INSERT INTO staff_sessions (staff_user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
      staffUserId,
      tokenHash,
      expiresAt,
    ]);
  }

  /** A live session of an enabled member. */
  async findLiveSession(tokenHash: string): Promise<StaffSessionRow | undefined> {
    return (
      (await this.dataSource.query(
        `SELECT s.id AS session_id, u.id AS staff_user_id, u.username, u.display_name, u.roles, u.must_change_password
           FROM staff_sessions s JOIN staff_users u ON u.id = s.staff_user_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
        [tokenHash],
      )) as StaffSessionRow[]
    )[0];
  }

  async revokeSession(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE staff_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  /** Every session of the member but `keepSessionId` (after a password change, the member's own stays). */
  async revokeSessionsOf(staffUserId: string, manager: EntityManager, keepSessionId?: string): Promise<void> {
    await manager.query(
      `UPDATE staff_sessions SET revoked_at = now() WHERE staff_user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`,
      [staffUserId, keepSessionId ?? null],
    );
  }
}
