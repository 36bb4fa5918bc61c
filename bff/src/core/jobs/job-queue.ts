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
  /** Batches being handled: a pg-boss worker counts as stopped only once its batch is done. */
  private readonly inFlight = new Set<Promise<unknown>>();
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
      // Jobs of a batch run side by side; each one that fails is failed on its own (and retried by
      // its queue's policy) while the others complete.
      await this.boss.work<unknown>(queue, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        const batch = Promise.allSettled(jobs.map((job) => handler(job.data, job)));
        this.inFlight.add(batch);
        const results = await batch.finally(() => this.inFlight.delete(batch));
        for (const [i, result] of results.entries()) {
          if (result.status === 'fulfilled') continue;
          const error = result.reason as Error;
          this.logger.warn(
            { queue, jobId: jobs[i]!.id, message: error?.message },
            'job failed; it will be retried per its queue policy',
          );
          await this.boss.fail(queue, jobs[i]!.id, { message: error?.message ?? String(error) });
        }
      });
    }
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
    await this.boss.stop({ graceful: true, wait: true, timeout: 10000 }).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'pg-boss did not stop cleanly');
    });
    // stop() gives up waiting for running jobs after its timeout, but their workers stay alive (and
    // pg-boss's off-work monitor keeps polling them) until the handlers return: wait for those too,
    // so that nothing of pg-boss runs after shutdown (in tests: after the suite's module registry is
    // gone, where its next poll throws). Bounded: a handler stuck on a dead connection fails alone.
    // A fetch that was under way when stop() began hands its jobs over after it: let that happen first.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.inFlight.size > 0) {
      this.logger.warn({ batches: this.inFlight.size }, 'waiting for running jobs to finish before shutdown');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 30_000);
        }),
      ]);
      clearTimeout(timer);
    }
  }
}
