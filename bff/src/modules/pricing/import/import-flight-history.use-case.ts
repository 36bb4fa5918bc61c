import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Injectable, Optional } from '@nestjs/common';
import { FlightHistoryRowError } from '../domain/flight-history-row.error.js';
import { FlightStatisticsAggregate } from '../domain/flight-statistics-aggregate.js';
import { FlightStatisticsCache } from '../flight-statistics.cache.js';
import { FlightStatisticsRepository } from '../persistence/flight-statistics.repository.js';
import { readFlightHistoryCsv } from './read-flight-history-csv.js';

export type ImportFileResult =
  | { file: string; status: 'imported'; flights: number; rowsWithoutOutcome: number; cells: number }
  | { file: string; status: 'already-imported' };

const sha256OfFile = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

/**
 * Adds flight-history CSV files to the statistics. Each file is one transaction: all its
 * counts and its content hash, or nothing (a malformed row fails the file with its line
 * number). A file whose content was imported before adds nothing, whatever its name.
 */
@Injectable()
export class ImportFlightHistoryUseCase {
  constructor(
    private readonly statistics: FlightStatisticsRepository,
    @Optional() private readonly cache?: FlightStatisticsCache,
  ) {}

  async execute(paths: readonly string[]): Promise<ImportFileResult[]> {
    const results: ImportFileResult[] = [];
    for (const path of paths) results.push(await this.importFile(path));
    return results;
  }

  private async importFile(path: string): Promise<ImportFileResult> {
    const file = basename(path);
    const contentSha256 = await sha256OfFile(path);
    // Cheap early exit; the unique hash inside the transaction is what really guarantees it.
    if (await this.statistics.isImported(contentSha256)) return { file, status: 'already-imported' };

    const aggregate = new FlightStatisticsAggregate();
    let rowsWithoutOutcome = 0;
    try {
      for await (const row of readFlightHistoryCsv(createReadStream(path))) {
        if (row.kind === 'flight') aggregate.add(row.record);
        else rowsWithoutOutcome += 1;
      }
    } catch (error) {
      throw error instanceof FlightHistoryRowError ? error.inFile(file) : error;
    }
    const added = await this.statistics.addImport(
      { contentSha256, fileName: file, flights: aggregate.flights, rowsWithoutOutcome },
      aggregate.entries(),
    );
    if (!added) return { file, status: 'already-imported' };
    this.cache?.invalidate();
    return { file, status: 'imported', flights: aggregate.flights, rowsWithoutOutcome, cells: aggregate.size };
  }
}
