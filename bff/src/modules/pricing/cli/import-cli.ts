import { access } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../core/config/app-config.js';
import { ConfigError } from '../../../core/config/config-error.js';
import { createDataSource } from '../../../core/database/data-source.factory.js';
import { describeDatabaseError } from '../../../core/database/describe-database-error.js';
import { runMigrations } from '../../../core/database/migrate.js';
import { resolveCliPath } from './resolve-cli-path.js';

export interface ImportCli {
  command: string;
  usage: string;
  applicationName: string;
  /** Imports one file; resolves to false when the file was refused (reported by the callback). */
  importFile(dataSource: DataSource, file: string): Promise<boolean>;
}

/**
 * The shell of a history-import command: the files named on the command line, the database named
 * by DATABASE_URL, brought to the committed migrations, then each file imported on its own (one bad
 * file is reported and the others still import). Without DATABASE_URL it refuses rather than
 * starting the embedded PostgreSQL: that one is deleted when it stops, so the import would vanish.
 */
export const runImportCli = async ({ command, usage, applicationName, importFile }: ImportCli): Promise<never> => {
  const fail = (message: string): never => {
    process.stderr.write(`${command}: ${message}\n`);
    process.exit(1);
  };
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('--help')) fail(usage);

  let databaseUrl: string | undefined;
  try {
    databaseUrl = loadConfig().databaseUrl;
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  if (!databaseUrl) {
    fail(
      'needs a database to import into: set DATABASE_URL to the PostgreSQL the BFF prices from ' +
        '(e.g. DATABASE_URL=postgres://user:pass@127.0.0.1:5432/xiaoan). The embedded PostgreSQL that ' +
        '`npm start` uses without DATABASE_URL is deleted when it stops, so an import into it would be lost.',
    );
  }
  const url = databaseUrl!;
  const files = args.map(resolveCliPath);
  for (const file of files) {
    await access(file).catch(() => fail(`cannot read ${file}`));
  }
  try {
    // The same committed migrations the BFF applies at boot: the history tables must exist.
    await runMigrations(url);
  } catch (error) {
    fail(describeDatabaseError(url, error));
  }
  const dataSource = createDataSource({ url, poolSize: 2, applicationName });
  await dataSource.initialize();
  let failed = false;
  try {
    for (const file of files) {
      if (!(await importFile(dataSource, file))) failed = true;
    }
  } finally {
    await dataSource.destroy();
  }
  return process.exit(failed ? 1 : 0);
};
