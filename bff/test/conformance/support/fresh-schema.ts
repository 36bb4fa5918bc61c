import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { WechatAccessToken1764300000000 } from '../../../src/integrations/wechat/migrations/1764300000000-wechat-access-token.js';

/**
 * A pg.Pool on a schema of its own, with the access-token migration applied there, so this
 * suite never collides with the database the rest of the tests migrate.
 */
export async function poolWithAccessTokenTable(): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run under the repo jest config (its globalSetup starts PostgreSQL)');
  const schema = `wechat_conf_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 });
  const runner = { query: (sql: string, params?: unknown[]) => pool.query(sql, params) } as unknown as QueryRunner;
  await new WechatAccessToken1764300000000().up(runner);
  return {
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}
