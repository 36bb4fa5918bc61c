import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import type { StaffRole } from '@xiaoan/shared';
import { hashStaffPassword } from './staff-password.js';

/**
 * Development staff accounts, created only while the WeChat simulator stands in for WeChat (never
 * by a migration: a migration would plant a known password in every production database).
 * Documented for local use: `dev-admin` / `dev-support` / `dev-marketing`, password `xiaoan-dev-staff`.
 */
export const DEV_STAFF_PASSWORD = 'xiaoan-dev-staff';
export const DEV_STAFF_USERS = [
  { username: 'dev-admin', displayName: '开发管理员', roles: ['admin'] },
  { username: 'dev-support', displayName: '开发客服', roles: ['support'] },
  { username: 'dev-marketing', displayName: '开发市场', roles: ['marketing'] },
] as const satisfies readonly { username: string; displayName: string; roles: readonly StaffRole[] }[];

@Injectable()
export class DevStaffSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('DevStaffSeed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.simulator.enabled || this.config.env === 'production') return;
    const existing = (await this.dataSource.query(`SELECT username FROM staff_users WHERE username = ANY($1)`, [
      DEV_STAFF_USERS.map((u) => u.username),
    ])) as {
      username: string;
    }[];
    for (const user of DEV_STAFF_USERS) {
      if (existing.some((row) => row.username === user.username)) continue;
      await this.dataSource.query(
        `INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING`,
        [user.username, user.displayName, user.roles, await hashStaffPassword(DEV_STAFF_PASSWORD)],
      );
      this.logger.log(
        { username: user.username, roles: user.roles },
        'development staff user created (simulator mode only)',
      );
    }
  }
}
