import 'reflect-metadata';
import { FlightHistoryRowError } from '../domain/flight-history-row.error.js';
import { ImportFlightHistoryUseCase } from '../import/import-flight-history.use-case.js';
import { FlightStatisticsRepository } from '../persistence/flight-statistics.repository.js';
import { runImportCli } from './import-cli.js';

/**
 * `npm run pricing:import -- <files…>`: adds flight-history CSVs to the statistics in the
 * database named by DATABASE_URL.
 */
void runImportCli({
  command: 'pricing:import',
  usage: 'usage: npm run pricing:import -- <flights.csv>…   (flights-2008 schema, no header; DATABASE_URL must be set)',
  applicationName: 'xiaoan-pricing-import',
  importFile: async (dataSource, file) => {
    try {
      const [result] = await new ImportFlightHistoryUseCase(new FlightStatisticsRepository(dataSource)).execute([file]);
      if (result!.status === 'already-imported') {
        process.stdout.write(`skipped  ${result!.file}: already imported (same content)\n`);
      } else {
        process.stdout.write(
          `imported ${result!.file}: ${result!.flights} flights, ${result!.rowsWithoutOutcome} rows without outcome, ` +
            `${result!.cells} statistics cells\n`,
        );
      }
      return true;
    } catch (error) {
      // One bad file is reported and leaves the statistics as they were; the others still import.
      const reason = error instanceof FlightHistoryRowError ? error.message : `${file}: ${(error as Error).message}`;
      process.stderr.write(`failed   ${reason} (nothing from this file was imported)\n`);
      return false;
    }
  },
});
