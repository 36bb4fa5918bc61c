import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../src/core/database/migrate.js';

export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own on the run's server, for suites whose data would change what
 * other suites compute (e.g. imported flight history moves the national delay rate).
 */
export const createIsolatedDatabase = async (): Promise<IsolatedDatabase> => {
  const runUrl = new URL(process.env.DATABASE_URL!);
  const name = `xiaoan_iso_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(runUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

/** A copy of the run's migrated template database (see the jest global setup): fast, and empty of other suites' data. */
export const cloneTemplateDatabase = async (runDatabaseUrl: string): Promise<IsolatedDatabase> => {
  const template = process.env.XIAOAN_TEMPLATE_DB;
  if (!template) throw new Error('XIAOAN_TEMPLATE_DB is not set: the jest global setup did not run');
  const runUrl = new URL(runDatabaseUrl);
  const name = `xiaoan_suite_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(runUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};
