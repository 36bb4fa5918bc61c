import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../../../test/support/isolated-database.js';
import type { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.js';

/**
 * The job queue's workers on a real PostgreSQL: each job runs once and is completed, or failed on
 * its own with the handler's message; shutdown lets a running batch finish, and once it returns
 * nothing of the queue runs on (pg-boss 10's own `work()` left a loop polling after shutdown).
 */
describe('JobQueue workers', () => {
  let database: IsolatedDatabase;
  let db: pg.Client;

  beforeAll(async () => {
    // The failing job's warning is what the first test checks in the database; TEST_LOG_LEVEL shows it.
    if (!process.env.TEST_LOG_LEVEL) Logger.overrideLogger(false);
    database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  const newQueue = () =>
    new JobQueue({ databaseUrl: database.url, role: 'all' } as unknown as AppConfig & { databaseUrl: string });
  const stateOf = async (id: string | null) => {
    const { rows } = await db.query<{ state: string; output: { message?: string } | null }>(
      `SELECT state, output FROM pgboss.job WHERE id = $1`,
      [id],
    );
    return rows[0];
  };
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  it('runs each job once: completes the ones that succeed, fails the one that throws with its message', async () => {
    const queue = newQueue();
    const seen: string[] = [];
    queue.define({ name: 'spec-jobs-ok' });
    queue.define({ name: 'spec-jobs-bad', retryLimit: 0 });
    queue.handle<{ n: number }>('spec-jobs-ok', async (data) => {
      seen.push(`ok-${data.n}`);
    });
    // Not async: its throw comes before any promise, and must fail only its own job.
    queue.handle<{ n: number }>('spec-jobs-bad', (data) => {
      seen.push(`bad-${data.n}`);
      if (data.n === 2) throw new Error('no such flight');
      return Promise.resolve();
    });
    await queue.onModuleInit();
    await queue.onApplicationBootstrap();
    try {
      const ok = await Promise.all([1, 2, 3].map((n) => queue.send('spec-jobs-ok', { n })));
      const fine = await queue.send('spec-jobs-bad', { n: 1 });
      const bad = await queue.send('spec-jobs-bad', { n: 2 });
      await until(async () => (await stateOf(bad))?.state === 'failed', 'the failing job to be failed');
      await until(async () => {
        for (const id of [...ok, fine]) if ((await stateOf(id))?.state !== 'completed') return false;
        return true;
      }, 'the other jobs to complete');
      expect((await stateOf(bad))!.output).toMatchObject({ message: 'no such flight' });
      expect([...seen].sort()).toEqual(['bad-1', 'bad-2', 'ok-1', 'ok-2', 'ok-3']);
    } finally {
      await queue.onApplicationShutdown();
    }
  });

  it('shutdown lets the running batch finish and complete, and afterwards nothing of the queue runs on', async () => {
    const before = timers();
    const queue = newQueue();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    let finished = false;
    queue.define({ name: 'spec-jobs-slow' });
    queue.handle('spec-jobs-slow', async () => {
      started = true;
      await held;
      finished = true;
    });
    // More idle workers than the queue's 4 connections: their polls queue up for a connection.
    for (let i = 0; i < 12; i += 1) {
      queue.define({ name: `spec-jobs-idle-${i}` });
      queue.handle(`spec-jobs-idle-${i}`, async () => undefined);
    }
    await queue.onModuleInit();
    await queue.onApplicationBootstrap();
    const id = await queue.send('spec-jobs-slow', {});
    await until(async () => started, 'the slow job to start');

    const shutdown = queue.onApplicationShutdown();
    setTimeout(release, 300);
    await shutdown;

    expect(finished).toBe(true);
    expect((await stateOf(id))!.state).toBe('completed');
    // Nothing polls, sleeps or waits for a connection once shutdown has returned.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(timers()).toBeLessThanOrEqual(before);
    const late = await queue.send('spec-jobs-slow', {}).then(
      () => 'sent',
      () => 'refused',
    );
    expect(late).toBe('refused');
  });
});
