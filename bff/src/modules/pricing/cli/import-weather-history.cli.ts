import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfig } from '../../../core/config/app-config.js';
import { ConfigError } from '../../../core/config/config-error.js';
import { createDataSource } from '../../../core/database/data-source.factory.js';
import { describeDatabaseError } from '../../../core/database/describe-database-error.js';
import { runMigrations } from '../../../core/database/migrate.js';
import { ImportWeatherHistoryUseCase, type WeatherHistoryImportCounts } from '../weather/import-weather-history.use-case.js';
import { resolveCliPath } from './resolve-cli-path.js';

const USAGE =
  'usage: npm run pricing:import-weather -- <history.csv>…   ' +
  '(header station,date,tmax,precipitation: °C and mm of 09:00-17:00 rain; DATABASE_URL must be set)';

const fail = (message: string): never => {
  process.stderr.write(`pricing:import-weather: ${message}\n`);
  process.exit(1);
};

const rejectedLines = ({ rejected, rejectedCount }: WeatherHistoryImportCounts): string =>
  rejected.map(({ line, reason }) => `         line ${line}: ${reason}\n`).join('') +
  (rejectedCount > rejected.length ? `         … and ${rejectedCount - rejected.length} more\n` : '');

/**
 * `npm run pricing:import-weather -- <files…>`: loads station-history CSVs into `weather_history`
 * in the database named by DATABASE_URL, the history HEAT37 and RAIN are priced from. Each file is
 * one transaction; importing a file again changes nothing. A running BFF sees the new history
 * within its ten-minute cache. Without DATABASE_URL it refuses rather than starting the embedded
 * PostgreSQL, which is deleted when it stops.
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
    // The same committed migrations the BFF applies at boot: weather_history must exist.
    await runMigrations(url);
  } catch (error) {
    fail(describeDatabaseError(url, error));
  }
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'xiaoan-weather-import' });
  await dataSource.initialize();
  const importer = new ImportWeatherHistoryUseCase(dataSource);
  let failed = false;
  try {
    for (const file of files) {
      const name = basename(file);
      try {
        const result = await importer.execute(createReadStream(file));
        if (result.status === 'refused') {
          failed = true;
          process.stderr.write(`refused  ${name}: ${result.reason}\n${rejectedLines(result)}`);
        } else {
          process.stdout.write(
            `imported ${name}: ${result.rows} station-days, ${result.stations} stations, ` +
              `${result.from ?? '-'} … ${result.to ?? '-'}, ${result.rejectedCount} lines rejected\n${rejectedLines(result)}`,
          );
        }
      } catch (error) {
        // One bad file is reported and leaves the history as it was; the others still import.
        failed = true;
        process.stderr.write(`failed   ${name}: ${(error as Error).message} (nothing from this file was imported)\n`);
      }
    }
  } finally {
    await dataSource.destroy();
  }
  process.exit(failed ? 1 : 0);
};

void main();
