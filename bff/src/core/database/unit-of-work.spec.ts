import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { JobQueue } from '../jobs/job-queue.js';
import { UnitOfWork } from './unit-of-work.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

const QUEUE = 'spec-unit-of-work';

describe('one command is one transaction, jobs included', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { BFF_ROLE: 'api' } });
    testApp.app.get(JobQueue).define({ name: QUEUE });
    await testApp.app.get(JobQueue).onApplicationBootstrap();
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await testApp.close();
  });

  const jobsFor = async (marker: string): Promise<number> => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'marker' = $2`,
      [QUEUE, marker],
    );
    return rows[0].n as number;
  };

  it('commits the follow-up job with the state change', async () => {
    await testApp.app.get(UnitOfWork).run(async (tx) => {
      await tx.manager.query(`SELECT 1`);
      await tx.enqueue(QUEUE, { marker: 'committed' });
    });
    expect(await jobsFor('committed')).toBe(1);
  });

  it('drops the follow-up job when the command fails', async () => {
    await expect(
      testApp.app.get(UnitOfWork).run(async (tx) => {
        await tx.enqueue(QUEUE, { marker: 'rolled-back' });
        throw new Error('business rule broken after enqueue');
      }),
    ).rejects.toThrow('business rule broken');
    expect(await jobsFor('rolled-back')).toBe(0);
  });
});
