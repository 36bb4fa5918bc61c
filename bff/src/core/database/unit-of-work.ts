import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.js';
import type PgBoss from 'pg-boss';

export interface Transaction {
  readonly manager: EntityManager;
  /** Enqueue follow-up work that commits with this transaction, or not at all. */
  enqueue<T extends object>(queue: string, data: T, options?: PgBoss.SendOptions): Promise<string | null>;
}

/** One command is one transaction (architecture.md): use cases run their writes through this. */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) =>
      work({
        manager,
        enqueue: (queue, data, options) => this.jobs.enqueue(manager, queue, data, options),
      }),
    );
  }
}
