import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { readWeatherHistoryCsv, type WeatherHistoryCsvRow } from './read-weather-history-csv.js';

const readAll = async (input: Readable | string): Promise<WeatherHistoryCsvRow[]> => {
  const rows: WeatherHistoryCsvRow[] = [];
  for await (const row of readWeatherHistoryCsv(typeof input === 'string' ? Readable.from([input]) : input))
    rows.push(row);
  return rows;
};

describe('streaming a weather-history CSV', () => {
  it('reads the lines after the header, CRLF and a byte-order mark included', async () => {
    const rows = await readAll(
      '\uFEFFstation,date,tmax,precipitation\r\n57516,2016-07-21,37.2,\r\n57516,2016-07-22,,0.4\r\n',
    );
    expect(rows).toEqual([
      { kind: 'row', line: 2, record: { stationId: '57516', day: '2016-07-21', tmaxTenths: 372, precipTenths: null } },
      { kind: 'row', line: 3, record: { stationId: '57516', day: '2016-07-22', tmaxTenths: null, precipTenths: 4 } },
    ]);
  });

  it('passes a bad line on as rejected, with its file line, and goes on reading', async () => {
    const rows = await readAll('station,date,tmax,precipitation\n\n57516,2016-07-21,hot,0\n57516,2016-07-22,36.1,0\n');
    expect(rows.map((row) => [row.kind, row.line])).toEqual([
      ['rejected', 3],
      ['row', 4],
    ]);
    expect(rows[0]).toMatchObject({ reason: 'tmax must be a number of °C, got "hot"' });
  });

  it('refuses a file without the header, or an empty one', async () => {
    await expect(readAll('57516,2016-07-21,37.2,0\n')).rejects.toThrow(
      'line 1: expected the header "station,date,tmax,precipitation", found "57516,2016-07-21,37.2,0"',
    );
    await expect(readAll('')).rejects.toThrow('line 1: the file is empty');
  });

  it('names the line of a CSV syntax fault', async () => {
    await expect(
      readAll('station,date,tmax,precipitation\n57516,2016-07-21,37.2,0\n"57516,2016-07-22,1,0\n'),
    ).rejects.toThrow(/^line \d+:/);
  });

  it('fails rather than waits when the input breaks off', async () => {
    const broken = new Readable({
      read() {
        this.push('station,date,tmax,precipitation\n57516,2016-07-21,37.2,0\n');
        this.destroy(new Error('disk went away'));
      },
    });
    await expect(readAll(broken)).rejects.toThrow('disk went away');
  });
});
