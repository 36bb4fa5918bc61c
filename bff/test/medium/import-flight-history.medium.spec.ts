import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlightStatisticsCache } from '../../src/modules/pricing/flight-statistics.cache.js';
import { ImportFlightHistoryUseCase } from '../../src/modules/pricing/import/import-flight-history.use-case.js';
import { FlightStatisticsRepository } from '../../src/modules/pricing/persistence/flight-statistics.repository.js';
import { cancelled, delayedBy, flightRow, toCsv } from '../pricing/flight-history.builder.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * ImportFlightHistoryUseCase on a real PostgreSQL, with flight-history CSV files the tests write
 * themselves: a file adds its flights' outcomes to the statistics cells, one transaction per file;
 * the same content again (under any name) adds nothing; a malformed row fails its file with the
 * file's name and line and adds nothing of it. Each test flies a carrier of its own.
 */
describe('ImportFlightHistoryUseCase', () => {
  let medium: Medium;
  let importHistory: ImportFlightHistoryUseCase;
  let dir: string;

  beforeAll(async () => {
    medium = await openMedium();
    importHistory = new ImportFlightHistoryUseCase(
      new FlightStatisticsRepository(medium.dataSource),
      new FlightStatisticsCache(),
    );
    dir = await mkdtemp(join(tmpdir(), 'medium-flight-history-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await medium?.close();
  });

  const file = async (name: string, rows: string[][]) => {
    const path = join(dir, name);
    await writeFile(path, toCsv(rows));
    return path;
  };
  /** The carrier's airline-level cell: one count per flight of it. */
  const airline = async (carrier: string) =>
    (
      await medium.db.query(
        `SELECT n, n_delay_ge_60, n_delay_ge_120, n_delay_ge_180, n_cancelled, n_diverted
           FROM flight_delay_statistics WHERE level = 'airline' AND carrier = $1`,
        [carrier],
      )
    ).rows;
  const statisticsAndImports = () =>
    snapshot(
      medium.db,
      `SELECT (SELECT json_agg(s ORDER BY s.level, s.carrier, s.flight_no, s.origin, s.destination, s.quarter, s.month, s.hour_band)
                 FROM flight_delay_statistics s) AS cells,
              (SELECT json_agg(i.content_sha256 ORDER BY i.content_sha256) FROM flight_history_imports i) AS imports`,
    );

  it("adds a file's flights to the statistics, each outcome counted, and records the file", async () => {
    const carrier = 'Q1';
    const path = await file('2008-q1.csv', [
      flightRow({ UniqueCarrier: carrier }),
      flightRow({ UniqueCarrier: carrier, ...delayedBy(75) }),
      flightRow({ UniqueCarrier: carrier, ...delayedBy(200) }),
      flightRow({ UniqueCarrier: carrier, ...cancelled }),
    ]);

    const [result] = await importHistory.execute([path]);

    expect(result).toEqual({
      file: '2008-q1.csv',
      status: 'imported',
      flights: 4,
      rowsWithoutOutcome: 0,
      cells: expect.any(Number),
    });
    expect(await airline(carrier)).toEqual([
      { n: 4, n_delay_ge_60: 2, n_delay_ge_120: 1, n_delay_ge_180: 1, n_cancelled: 1, n_diverted: 0 },
    ]);
    const { rows } = await medium.db.query(
      `SELECT file_name, flights, rows_without_outcome FROM flight_history_imports WHERE file_name = '2008-q1.csv'`,
    );
    expect(rows).toEqual([{ file_name: '2008-q1.csv', flights: 4, rows_without_outcome: 0 }]);
  });

  it('a second file adds to the same cells; the same content again, under another name, adds nothing', async () => {
    const carrier = 'Q2';
    const first = await file('q2-a.csv', [
      flightRow({ UniqueCarrier: carrier }),
      flightRow({ UniqueCarrier: carrier }),
    ]);
    const second = await file('q2-b.csv', [flightRow({ UniqueCarrier: carrier, ...delayedBy(130) })]);
    const copy = await file('q2-a-copy.csv', [
      flightRow({ UniqueCarrier: carrier }),
      flightRow({ UniqueCarrier: carrier }),
    ]);
    await importHistory.execute([first, second]);
    expect(await airline(carrier)).toMatchObject([{ n: 3, n_delay_ge_120: 1 }]);
    const before = await statisticsAndImports();

    await expect(importHistory.execute([copy, first])).resolves.toEqual([
      { file: 'q2-a-copy.csv', status: 'already-imported' },
      { file: 'q2-a.csv', status: 'already-imported' },
    ]);

    expect(await statisticsAndImports()).toBe(before);
  });

  it("a malformed row fails its file with the file's name and line, and nothing of that file is added", async () => {
    const carrier = 'Q3';
    const good = await file('q3-good.csv', [flightRow({ UniqueCarrier: carrier })]);
    const bad = await file('q3-bad.csv', [
      flightRow({ UniqueCarrier: carrier }),
      flightRow({ UniqueCarrier: carrier, Month: 'May' }),
    ]);
    const before = await statisticsAndImports();

    await expect(importHistory.execute([bad])).rejects.toThrow(/q3-bad\.csv.*line 2|line 2.*q3-bad\.csv/);

    expect(await statisticsAndImports()).toBe(before);
    // Another file of the carrier imports as any other.
    await expect(importHistory.execute([good])).resolves.toMatchObject([{ status: 'imported', flights: 1 }]);
    expect(await airline(carrier)).toMatchObject([{ n: 1 }]);
  });
});
