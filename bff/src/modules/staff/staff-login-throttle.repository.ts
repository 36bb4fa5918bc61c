import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';

export const accountKey = (username: string): string => `account:${username.slice(0, 64)}`;
export const ipKey = (ip: string): string => `ip:${ip.slice(0, 64)}`;

/**
 * Wrong staff passwords, counted per account and per IP in PostgreSQL (so every BFF instance
 * shares them). `maxFailures` within the window lock the key for `lockSeconds`; while locked,
 * sign-in is refused before any password is hashed, even the right one.
 */
@Injectable()
export class StaffLoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seconds until the last of these keys is unlocked; 0 when none is locked. */
  async lockedForSeconds(keys: string[]): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
         FROM staff_login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    )) as { seconds: number | null }[];
    return Math.max(0, row?.seconds ?? 0);
  }

  async recordFailure(username: string, ip: string | undefined): Promise<void> {
    const { maxFailures, ipMaxFailures, windowSeconds } = this.config.staffLogin;
    await this.fail(accountKey(username), maxFailures);
    if (ip) await this.fail(ipKey(ip), ipMaxFailures);
    // Guessed names and passing addresses would pile up: sweep what no longer counts, now and then.
    if (Math.random() < 0.02) {
      await this.dataSource.query(
        `DELETE FROM staff_login_throttle WHERE window_started_at < now() - make_interval(secs => $1::int) AND (locked_until IS NULL OR locked_until < now())`,
        [windowSeconds],
      );
    }
  }

  /** A right password clears the account's count (the IP's decays with its window: one good account must not launder an IP). */
  async recordSuccess(username: string): Promise<void> {
    await this.clearAccount(username);
  }

  /** Lift an account's lock (a right password, or an admin's password reset). */
  async clearAccount(username: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM staff_login_throttle WHERE key = $1`, [accountKey(username)]);
  }

  private async fail(key: string, maxFailures: number): Promise<void> {
    const { windowSeconds, lockSeconds } = this.config.staffLogin;
    // One upsert, atomic under concurrent failures. A key starts counting afresh when its window
    // has passed or its lock has ended (in SET, t.* are the values before this failure).
    await this.dataSource.query(
      `INSERT INTO staff_login_throttle AS t (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, now(), CASE WHEN $2::int <= 1 THEN now() + make_interval(secs => $4::int) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $3::int) OR t.locked_until <= now() THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $3::int) OR t.locked_until <= now() THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN t.window_started_at < now() - make_interval(secs => $3::int) OR t.locked_until <= now()
             THEN CASE WHEN $2::int <= 1 THEN now() + make_interval(secs => $4::int) END
           WHEN t.failures + 1 >= $2::int THEN now() + make_interval(secs => $4::int)
           ELSE t.locked_until END`,
      [key, maxFailures, windowSeconds, lockSeconds],
    );
  }
}
