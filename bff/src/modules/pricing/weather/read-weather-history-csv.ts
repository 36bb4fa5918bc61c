import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import {
  WEATHER_HISTORY_COLUMNS,
  isWeatherHistoryHeader,
  parseWeatherHistoryRow,
  type WeatherHistoryRecord,
} from './parse-weather-history-row.js';
import { WeatherHistoryRowError } from './weather-history-row.error.js';

export type WeatherHistoryCsvRow =
  { kind: 'row'; line: number; record: WeatherHistoryRecord } | { kind: 'rejected'; line: number; reason: string };

/**
 * Streams a weather-history CSV as station-days, so fifteen years of a national network never has
 * to fit in memory. A line that breaks a rule comes out as `rejected` with its reason (the import
 * decides whether the file is still good enough); a missing header or a CSV syntax fault (an
 * unclosed quote) throws `WeatherHistoryRowError`, since nothing after it can be trusted.
 */
export async function* readWeatherHistoryCsv(input: Readable): AsyncGenerator<WeatherHistoryCsvRow> {
  const parser = parse({ info: true, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  // `pipe` does not forward a read error (a vanished file): without this the loop would wait forever.
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let sawHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!sawHeader) {
        if (!isWeatherHistoryHeader(record)) {
          throw new WeatherHistoryRowError(
            info.lines,
            `expected the header "${WEATHER_HISTORY_COLUMNS.join(',')}", found "${record.join(',')}"`,
          );
        }
        sawHeader = true;
        continue;
      }
      let row: WeatherHistoryCsvRow;
      try {
        row = { kind: 'row', line: info.lines, record: parseWeatherHistoryRow(record, info.lines) };
      } catch (error) {
        if (!(error instanceof WeatherHistoryRowError)) throw error;
        row = { kind: 'rejected', line: error.lineNumber, reason: error.reason };
      }
      yield row;
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new WeatherHistoryRowError(line, error.message);
    }
    throw error;
  } finally {
    // Stop reading when the consumer stops early (or fails); a no-op once the input has ended.
    input.unpipe(parser);
    if (!input.readableEnded) input.destroy();
  }
  if (!sawHeader)
    throw new WeatherHistoryRowError(
      1,
      `the file is empty: expected the header "${WEATHER_HISTORY_COLUMNS.join(',')}"`,
    );
}
