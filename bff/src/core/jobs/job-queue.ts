import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export type JobHandler<T> = (data: T, job: PgBoss.Job<T>) => Promise<void>;

export interface QueueDefinition {
  name: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

/**
 * pg-boss behind one small port. `enqueue` takes the caller's transaction, so a state change and
 * the work it causes commit (or roll back) together: no call to WeChat is ever lost or invented.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, QueueDefinition>();
  private readonly handlers: { queue: string; batchSize: number; handler: JobHandler<unknown> }[] = [];
  private started = false;
  /** Batches being handled (shutdown says how many it waits for). */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** One polling loop per handled queue; shutdown ends and awaits them. */
  private readonly pollers: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private stopping = false;
  private readonly bootTasks: (() => Promise<unknown>)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig & { databaseUrl: string }) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      application_name: 'xiaoan-jobs',
      max: 4,
      schema: 'pgboss',
      // The HTTP-only role neither supervises nor runs cron; workers do.
      supervise: config.role !== 'api',
      schedule: config.role !== 'api',
    });
    this.boss.on('error', (error: Error & { code?: string }) => {
      // 57P01: the server is shutting down (Ctrl-C stops the embedded PostgreSQL too); not news.
      if (error.code === '57P01') return;
      this.logger.error({ code: error.code, message: error.message }, 'pg-boss error');
    });
  }

  /** Declare a queue; modules call this from their constructor or onModuleInit. */
  define(definition: QueueDefinition): void {
    this.queues.set(definition.name, definition);
  }

  /** Run `handler` for jobs of `queue` in worker roles (`all`, `worker`). */
  handle<T>(queue: string, handler: JobHandler<T>, batchSize = 10): void {
    this.handlers.push({ queue, batchSize, handler: handler as JobHandler<unknown> });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** Every module has declared its queues and handlers by now (they do so in onModuleInit). */
  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.queues.values()) {
      const { name, ...policy } = definition;
      await this.boss.createQueue(name, { name, ...policy });
    }
    if (this.config.role === 'api') return;
    for (const task of this.bootTasks) await task();
    for (const { queue, batchSize, handler } of this.handlers) {
      this.pollers.push(this.poll(queue, batchSize, handler));
    }
  }

  /**
   * One queue's worker: fetch a batch, run it, report each job, and again. Our own loop on pg-boss's
   * fetch/complete/fail rather than its `work()`: pg-boss 10 stops a `work()` worker through a
   * detached monitor that nothing can await (it outlived shutdown, and in tests failed the next
   * suite), and pg-boss 11+ needs Node 22. Shutdown here ends this loop and waits for it.
   */
  private async poll(queue: string, batchSize: number, handler: JobHandler<unknown>): Promise<void> {
    while (!this.stopping) {
      const started = Date.now();
      let jobs: PgBoss.Job<unknown>[] = [];
      try {
        jobs = await this.boss.fetch<unknown>(queue, { batchSize });
        // A batch fetched as shutdown began still runs: shutdown waits for it.
        if (jobs.length > 0) await this.runBatch(queue, jobs, handler);
      } catch (error) {
        this.logger.error({ queue, message: (error as Error)?.message }, 'job worker error; polling on');
      }
      // A full batch means more may be waiting: fetch again at once; otherwise wait out the interval.
      const idle = POLL_INTERVAL_MS - (Date.now() - started);
      if (!this.stopping && jobs.length < batchSize && idle > 0) await this.idle(idle);
    }
  }

  /**
   * Jobs of a batch run side by side; each that fails (or outlives its queue's expiry) is failed on
   * its own, and retried by its queue's policy, while the others complete.
   */
  private async runBatch(queue: string, jobs: PgBoss.Job<unknown>[], handler: JobHandler<unknown>): Promise<void> {
    // A handler that throws before it returns a promise fails its own job, like one that rejects.
    const run = (job: PgBoss.Job<unknown>) => Promise.resolve().then(() => handler(job.data, job));
    const batch = Promise.allSettled(jobs.map((job) => withinSeconds(run(job), job.expireInSeconds)));
    this.inFlight.add(batch);
    const results = await batch.finally(() => this.inFlight.delete(batch));
    const done = jobs.filter((_, i) => results[i]!.status === 'fulfilled').map((job) => job.id);
    if (done.length > 0) await this.boss.complete(queue, done);
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const error = result.reason as Error;
      this.logger.warn(
        { queue, jobId: jobs[i]!.id, message: error?.message },
        'job failed; it will be retried per its queue policy',
      );
      await this.boss.fail(queue, jobs[i]!.id, { message: error?.message ?? String(error) });
    }
  }

  /** Sleep between polls; shutdown cuts it short. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /**
   * Enqueue inside the caller's transaction (TypeORM EntityManager of an open transaction).
   * Returns the job id, or null when a singleton key already holds a job.
   */
  async enqueue<T extends object>(
    manager: EntityManager,
    queue: string,
    data: T,
    options: PgBoss.SendOptions = {},
  ): Promise<string | null> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error(`enqueue(${queue}) needs an open transaction`);
    const client = (await runner.connect()) as { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };
    return this.boss.send(queue, data, {
      ...options,
      // pg-boss's own signature for `executeSql` is `Promise<{ rows: any[] }>`.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      db: { executeSql: (text, values) => client.query(text, values) as Promise<{ rows: any[] }> },
    });
  }

  /** Work to do once queues exist, in worker roles only (e.g. installing cron schedules). */
  onBoot(task: () => Promise<unknown>): void {
    this.bootTasks.push(task);
  }

  /** Enqueue outside any transaction (e.g. from a scheduler or an operator tool). */
  send<T extends object>(queue: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(queue, data, options);
  }

  schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    return this.boss.schedule(queue, cron, data, { tz: 'Asia/Shanghai' });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Workers first: no new batch is fetched, and the running ones finish (bounded: a handler stuck
    // on a dead connection is abandoned, and its jobs expire and are retried by pg-boss).
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    if (this.inFlight.size > 0) {
      this.logger.warn({ batches: this.inFlight.size }, 'waiting for running jobs to finish before shutdown');
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.pollers),
      new Promise((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10000 }).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'pg-boss did not stop cleanly');
    });
  }
}

/** How often an idle worker asks for jobs (pg-boss's `work()` used 0.5 s here too). */
const POLL_INTERVAL_MS = 500;
/** How long shutdown waits for running batches before it stops pg-boss anyway. */
const SHUTDOWN_WAIT_MS = 30_000;

/** A job's handler gets its queue's expiry and no longer (pg-boss's own rule for `work()` handlers). */
const withinSeconds = async <T>(work: Promise<T>, seconds: number | undefined): Promise<T> => {
  const limitMs = Math.max(1, seconds ?? 900) * 1000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`handler execution exceeded ${limitMs}ms`)), limitMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};
