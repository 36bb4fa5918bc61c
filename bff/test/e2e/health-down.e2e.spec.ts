import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health when the database stops answering', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('answers 503 while the database is unreachable, and 200 again once it is back', async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    // A faithful outage for one database: refuse new connections and cut the app's pooled ones.
    const { rows } = await admin.query(`SELECT current_database() AS db`);
    const db = rows[0].db as string;
    await admin.end();

    const serverUrl = new URL(process.env.DATABASE_URL!);
    serverUrl.pathname = '/postgres';
    const superuser = new pg.Client({ connectionString: serverUrl.toString() });
    await superuser.connect();
    try {
      await superuser.query(`ALTER DATABASE ${db} WITH ALLOW_CONNECTIONS false`);
      await superuser.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [db],
      );
      const down = await fetch(`${testApp.baseUrl}/api/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', checks: { database: 'down' } });
    } finally {
      await superuser.query(`ALTER DATABASE ${db} WITH ALLOW_CONNECTIONS true`);
      await superuser.end();
    }
    const up = await fetch(`${testApp.baseUrl}/api/health`);
    expect(up.status).toBe(200);
  });
});
