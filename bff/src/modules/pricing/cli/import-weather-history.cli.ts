import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import {
  ImportWeatherHistoryUseCase,
  type WeatherHistoryImportCounts,
} from '../weather/import-weather-history.use-case.js';
import { runImportCli } from './import-cli.js';

const rejectedLines = ({ rejected, rejectedCount }: WeatherHistoryImportCounts): string =>
  rejected.map(({ line, reason }) => `         line ${line}: ${reason}\n`).join('') +
  (rejectedCount > rejected.length ? `         … and ${rejectedCount - rejected.length} more\n` : '');

/**
 * `npm run pricing:import-weather -- <files…>`: loads station-history CSVs into `weather_history`
 * in the database named by DATABASE_URL, the history HEAT37 and RAIN are priced from. Each file is
 * one transaction; importing a file again changes nothing. A running BFF sees the new history
 * within its ten-minute cache.
 */
void runImportCli({
  command: 'pricing:import-weather',
  usage:
    'usage: npm run pricing:import-weather -- <history.csv>…   ' +
    '(header station,date,tmax,precipitation: °C and mm of 09:00-17:00 rain; DATABASE_URL must be set)',
  applicationName: 'xiaoan-weather-import',
  importFile: async (dataSource, file) => {
    const name = basename(file);
    try {
      const result = await new ImportWeatherHistoryUseCase(dataSource).execute(createReadStream(file));
      if (result.status === 'refused') {
        process.stderr.write(`refused  ${name}: ${result.reason}\n${rejectedLines(result)}`);
        return false;
      }
      process.stdout.write(
        `imported ${name}: ${result.rows} station-days, ${result.stations} stations, ` +
          `${result.from ?? '-'} … ${result.to ?? '-'}, ${result.rejectedCount} lines rejected\n${rejectedLines(result)}`,
      );
      return true;
    } catch (error) {
      // One bad file is reported and leaves the history as it was; the others still import.
      process.stderr.write(`failed   ${name}: ${(error as Error).message} (nothing from this file was imported)\n`);
      return false;
    }
  },
});
