import { addCounts, addOutcome, emptyCounts, type OutcomeCounts } from './outcome-counts.js';
import type { FlightHistoryRecord } from './flight-history-record.js';
import {
  STATISTIC_LEVELS,
  cellId,
  statisticCellsFor,
  type StatisticCell,
  type StatisticLevel,
} from './statistic-cell.js';

export interface CellCounts {
  cell: StatisticCell;
  counts: OutcomeCounts;
}

/**
 * Statistics cells held in memory. The import builds one per file and then adds it to
 * PostgreSQL in one statement per batch; the backtest builds one from its training files and
 * prices from it directly. Same aggregation code, so the backtest measures what production
 * would quote.
 */
export class FlightStatisticsAggregate {
  private readonly cells = new Map<string, CellCounts>();
  private flightCount = 0;

  add(record: FlightHistoryRecord): void {
    this.flightCount += 1;
    const cells = statisticCellsFor(record);
    for (const level of STATISTIC_LEVELS) {
      const cell = cells[level];
      const id = cellId(cell);
      let entry = this.cells.get(id);
      if (!entry) {
        entry = { cell, counts: emptyCounts() };
        this.cells.set(id, entry);
      }
      addOutcome(entry.counts, record.outcome);
    }
  }

  merge(other: FlightStatisticsAggregate): void {
    for (const [id, entry] of other.cells) {
      const mine = this.cells.get(id);
      if (mine) addCounts(mine.counts, entry.counts);
      else this.cells.set(id, { cell: entry.cell, counts: { ...entry.counts } });
    }
    this.flightCount += other.flightCount;
  }

  /** Counts of one cell; an empty cell reads as zero observations, not as missing. */
  countsOf(cell: StatisticCell): OutcomeCounts {
    return this.cells.get(cellId(cell))?.counts ?? emptyCounts();
  }

  /** The counts a quote for this flight would read, level by level. */
  lookup(subject: Parameters<typeof statisticCellsFor>[0]): Record<StatisticLevel, OutcomeCounts> {
    const cells = statisticCellsFor(subject);
    return Object.fromEntries(STATISTIC_LEVELS.map((level) => [level, this.countsOf(cells[level])])) as Record<
      StatisticLevel,
      OutcomeCounts
    >;
  }

  entries(): IterableIterator<CellCounts> {
    return this.cells.values();
  }

  get size(): number {
    return this.cells.size;
  }

  get flights(): number {
    return this.flightCount;
  }
}
