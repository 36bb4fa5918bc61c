import 'reflect-metadata';
import { access } from 'node:fs/promises';
import { loadConfig } from '../../../core/config/app-config.js';
import { ConfigError } from '../../../core/config/config-error.js';
import { createDataSource } from '../../../core/database/data-source.factory.js';
import { describeDatabaseError } from '../../../core/database/describe-database-error.js';
import { runMigrations } from '../../../core/database/migrate.js';
import { FlightHistoryRowError } from '../domain/flight-history-row.error.js';
import { ImportFlightHistoryUseCase } from '../import/import-flight-history.use-case.js';
import { FlightStatisticsRepository } from '../persistence/flight-statistics.repository.js';
import { resolveCliPath } from './resolve-cli-path.js';

const USAGE = 'usage: npm run pricing:import -- <flights.csv>…   (flights-2008 schema, no header; DATABASE_URL must be set)';

const fail = (message: string): never => {
  process.stderr.write(`pricing:import: ${message}\n`);
  process.exit(1);
};

/**
 * `npm run pricing:import -- <files…>`: adds flight-history CSVs to the statistics in the
 * database named by DATABASE_URL. Without DATABASE_URL it refuses rather than starting the
 * embedded PostgreSQL: that one is deleted when it stops, so the import would vanish with it.
 */
const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('--help')) fail(USAGE);

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
    // The same committed migrations the BFF applies at boot: the statistics tables must exist.
    await runMigrations(url);
  } catch (error) {
    fail(describeDatabaseError(url, error));
  }
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'xiaoan-pricing-import' });
  await dataSource.initialize();
  const importer = new ImportFlightHistoryUseCase(new FlightStatisticsRepository(dataSource));
  let failed = false;
  try {
    for (const file of files) {
      try {
        const [result] = await importer.execute([file]);
        if (result!.status === 'already-imported') {
          process.stdout.write(`skipped  ${result!.file}: already imported (same content)\n`);
        } else {
          process.stdout.write(
            `imported ${result!.file}: ${result!.flights} flights, ${result!.rowsWithoutOutcome} rows without outcome, ` +
              `${result!.cells} statistics cells\n`,
          );
        }
      } catch (error) {
        // One bad file is reported and leaves the statistics as they were; the others still import.
        failed = true;
        const reason = error instanceof FlightHistoryRowError ? error.message : `${file}: ${(error as Error).message}`;
        process.stderr.write(`failed   ${reason} (nothing from this file was imported)\n`);
      }
    }
  } finally {
    await dataSource.destroy();
  }
  process.exit(failed ? 1 : 0);
};

void main();
