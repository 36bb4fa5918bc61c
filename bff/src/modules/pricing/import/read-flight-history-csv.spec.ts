import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { cancelled, flightRow, toCsv } from '../../../../test/pricing/flight-history.builder.js';
import { FLIGHT_HISTORY_COLUMNS, type ParsedFlightHistoryRow } from '../domain/parse-flight-history-row.js';
import { readFlightHistoryCsv } from './read-flight-history-csv.js';

const readAll = async (text: string): Promise<ParsedFlightHistoryRow[]> => {
  const rows: ParsedFlightHistoryRow[] = [];
  for await (const row of readFlightHistoryCsv(Readable.from([text]))) rows.push(row);
  return rows;
};

describe('streaming a flight-history CSV', () => {
  it('reads every row of a file without a header, CRLF line ends included', async () => {
    const rows = await readAll(toCsv([flightRow(), flightRow(cancelled)]).replace(/\n/g, '\r\n'));
    expect(rows.map((row) => (row.kind === 'flight' ? row.record.outcome.kind : row.kind))).toEqual([
      'arrived',
      'cancelled',
    ]);
  });

  it('skips the header line the original BTS files carry', async () => {
    const rows = await readAll(toCsv([[...FLIGHT_HISTORY_COLUMNS], flightRow()]));
    expect(rows).toHaveLength(1);
  });

  it('names the file line of a malformed row', async () => {
    const text = toCsv([flightRow(), flightRow(), flightRow({ Month: 'May' }), flightRow()]);
    await expect(readAll(text)).rejects.toThrow('line 3: Month must be 1-12, got "May"');
  });

  it('names the line of a CSV syntax fault', async () => {
    const text = toCsv([flightRow(), flightRow({ TailNum: '"N12' })]);
    await expect(readAll(text)).rejects.toThrow(/^line 2:/);
  });
});
