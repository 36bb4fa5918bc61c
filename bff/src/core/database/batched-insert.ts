import type { DataSource } from 'typeorm';

/**
 * Group commit for hot, independent inserts (quotes): rows arriving within `maxWaitMs` are written
 * by one multi-row INSERT, and each caller's promise settles when that statement has committed.
 * One round trip to PostgreSQL serves up to `maxBatch` requests — on a machine where a round trip
 * costs more than the insert itself, that is most of the throughput.
 */
export class BatchedInsert<Row> {
  private pending: { row: Row; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    /** Builds one INSERT for the rows, e.g. with `unnest($1::uuid[], …)`. */
    private readonly statement: (rows: Row[]) => { sql: string; params: unknown[] },
    private readonly options: { maxBatch: number; maxWaitMs: number } = { maxBatch: 200, maxWaitMs: 2 },
  ) {}

  insert(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const { sql, params } = this.statement(batch.map((entry) => entry.row));
    this.dataSource.query(sql, params).then(
      () => batch.forEach((entry) => entry.resolve()),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
