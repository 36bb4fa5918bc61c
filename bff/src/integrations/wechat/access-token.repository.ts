import type { Pool } from 'pg';

export interface CachedAccessToken {
  accessToken: string;
  /** Seconds the token stays valid, by the database clock. */
  remainingSeconds: number;
}

/**
 * wechat_access_token in PostgreSQL: the shared cache and the refresh lease.
 * All time comparisons use the database clock, so instances with skewed clocks agree.
 */
export class AccessTokenRepository {
  constructor(private readonly pool: Pool) {}

  async read(appid: string): Promise<CachedAccessToken | undefined> {
    const { rows } = await this.pool.query<{ access_token: string; remaining: string }>(
      `SELECT access_token, EXTRACT(EPOCH FROM (expires_at - now())) AS remaining
         FROM wechat_access_token WHERE appid = $1 AND access_token IS NOT NULL AND expires_at > now()`,
      [appid],
    );
    const row = rows[0];
    return row ? { accessToken: row.access_token, remainingSeconds: Number(row.remaining) } : undefined;
  }

  /** Takes the refresh lease if nobody holds a live one. True when this owner now holds it. */
  async tryAcquireLease(appid: string, owner: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO wechat_access_token (appid, lease_owner, lease_until)
            VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (appid) DO UPDATE
             SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until, updated_at = now()
           WHERE wechat_access_token.lease_until IS NULL
              OR wechat_access_token.lease_until < now()
              OR wechat_access_token.lease_owner = EXCLUDED.lease_owner`,
      [appid, owner, leaseMs],
    );
    return rowCount === 1;
  }

  /** Stores a fresh token and releases the lease; only the lease holder may write. */
  async storeAndRelease(appid: string, owner: string, accessToken: string, expiresInSeconds: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE wechat_access_token
          SET access_token = $3, expires_at = now() + $4 * interval '1 second',
              lease_owner = NULL, lease_until = NULL, updated_at = now()
        WHERE appid = $1 AND lease_owner = $2`,
      [appid, owner, accessToken, expiresInSeconds],
    );
    return rowCount === 1;
  }

  async releaseLease(appid: string, owner: string): Promise<void> {
    await this.pool.query(
      `UPDATE wechat_access_token SET lease_owner = NULL, lease_until = NULL WHERE appid = $1 AND lease_owner = $2`,
      [appid, owner],
    );
  }

  /** Marks a token WeChat rejected as expired, unless another instance already replaced it. */
  async invalidate(appid: string, accessToken: string): Promise<void> {
    await this.pool.query(`UPDATE wechat_access_token SET expires_at = now() WHERE appid = $1 AND access_token = $2`, [
      appid,
      accessToken,
    ]);
  }
}
