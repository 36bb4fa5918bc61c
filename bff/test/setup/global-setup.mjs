// Jest loads globalSetup outside its ESM module graph, so this file uses the compiled BFF
// (`npm test` builds it first): the same migration code that production runs.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../dist/src/core/database/embedded-postgres.js';
import { runMigrations } from '../../dist/src/core/database/migrate.js';

/**
 * One fresh database per test run, never shared with another run:
 * - DATABASE_URL unset: a new embedded PostgreSQL with its own temp data dir;
 * - DATABASE_URL set: a new database `xiaoan_test_<random>` on that server, dropped afterwards.
 * Migrations run once here; each suite then creates its own data.
 */
/**
 * pg-boss 10's off-work monitor (a detached loop started by stop(), polling its `work()` workers
 * once a second) outlived suites: a worker whose fetch was still waiting for a pool connection when
 * stop() ended the pool never stopped, and the loop's next poll called `require` inside a torn-down
 * Jest environment ("Cannot destructure property 'setTimeout'"), failing whichever suite ran then.
 * JobQueue now runs its own workers on fetch/complete/fail and ends them before stopping pg-boss; only
 * pg-boss's cron timekeeper still uses `work()`. That one error, and only from pg-boss's own delay(),
 * is reported and dropped here when it comes between suites; every other unhandled rejection is
 * rethrown as before. It guards Jest's own process only: the suites run in a worker process
 * (jest.config), which this guard does not reach.
 */
// Duck-typed: the error comes from the suite's own realm, where `instanceof Error` is false.
const isPgBossAfterTeardown = (reason) =>
  typeof reason?.message === 'string' &&
  /Cannot destructure property 'setTimeout'/.test(reason.message) &&
  /pg-boss[\\/]src[\\/]tools\.js/.test(reason.stack ?? '');

export default async function globalSetup() {
  if (!globalThis.__xiaoanPgBossGuard) {
    globalThis.__xiaoanPgBossGuard = true;
    process.on('unhandledRejection', (reason) => {
      if (!isPgBossAfterTeardown(reason)) throw reason;
      process.stderr.write('jest: a pg-boss off-work monitor outlived its suite (pg-boss 10, dropped)\n');
    });
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ fast: true });
    globalThis.__xiaoanTeardown = () => embedded.stop();
    process.env.DATABASE_URL = embedded.url;
  } else {
    const name = `xiaoan_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    globalThis.__xiaoanTeardown = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  await runMigrations(process.env.DATABASE_URL);

  // A migrated template nobody connects to: each test app clones its own database from it, so one
  // suite's flights, quotes and history never leak into another's.
  const runUrl = new URL(process.env.DATABASE_URL);
  const runDb = runUrl.pathname.slice(1);
  const template = `${runDb}_tpl`;
  const adminUrl = new URL(runUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template} TEMPLATE ${runDb}`);
  await admin.end();
  process.env.XIAOAN_TEMPLATE_DB = template;
  const previousTeardown = globalThis.__xiaoanTeardown;
  globalThis.__xiaoanTeardown = async () => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect().catch(() => undefined);
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await client.end().catch(() => undefined);
    await previousTeardown?.();
  };
}
