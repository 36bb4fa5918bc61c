import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { FlightHistoryRowError } from '../domain/flight-history-row.error.js';
import {
  FLIGHT_HISTORY_COLUMNS,
  parseFlightHistoryRow,
  type ParsedFlightHistoryRow,
} from '../domain/parse-flight-history-row.js';

/**
 * Streams a flights-2008 CSV (no header) as parsed rows, so a year of history never has to fit
 * in memory. `csv-parse` does the CSV part (quoting, CRLF, line numbers); `parseFlightHistoryRow`
 * owns the meaning of each column. A header line, as the original BTS files carry, is skipped.
 */
export async function* readFlightHistoryCsv(input: Readable): AsyncGenerator<ParsedFlightHistoryRow> {
  const parser = input.pipe(
    parse({
      info: true,
      // Wrong column counts are reported by the row parser, with its own message and line.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }),
  );
  // A CSV syntax fault (an unclosed quote) arrives on the parser's stream; keep its line number.
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (info.lines === 1 && record[0] === FLIGHT_HISTORY_COLUMNS[0] && record[1] === FLIGHT_HISTORY_COLUMNS[1])
        continue;
      yield parseFlightHistoryRow(record, info.lines);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new FlightHistoryRowError(line, error.message);
    }
    throw error;
  }
}
