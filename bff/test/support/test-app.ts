import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../sim/index.js';
import { loadConfig } from '../../src/core/config/app-config.js';
import { integrationsConfigOf } from '../../src/core/config/integrations-config.js';
import { findFreePort } from '../../src/core/net/free-port.js';
import { createApp } from '../../src/create-app.js';
import { cloneTemplateDatabase } from './isolated-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  sim: RunningSimulator;
  /** A SQL session on the app's own database, for what a test checks or arranges below the API. */
  db: pg.Client;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
}

/**
 * The real BFF on a free port, on the run's database, over real HTTP, talking to its own WeChat
 * simulator (real signatures, real AES-GCM), exactly as `npm start` wires them with SIM on.
 */
export const startTestApp = async (options: TestAppOptions = {}): Promise<TestApp> => {
  const runDatabaseUrl = process.env.DATABASE_URL;
  if (!runDatabaseUrl) throw new Error('DATABASE_URL is not set: the jest global setup did not run');
  // Each app gets a fresh database cloned from the run's migrated template; the suite's own SQL
  // clients (which read DATABASE_URL) follow it until the app closes.
  const suiteDatabase = await cloneTemplateDatabase(runDatabaseUrl);
  const databaseUrl = suiteDatabase.url;
  process.env.DATABASE_URL = databaseUrl;
  const sim = await startSimulator({ port: 0, ...options.simulator });
  const release = async (): Promise<void> => {
    await sim.close();
    process.env.DATABASE_URL = runDatabaseUrl;
    await suiteDatabase.drop();
  };
  let started: { app: NestFastifyApplication; port: number };
  try {
    started = await listenWithRetry(sim, options, databaseUrl);
  } catch (error) {
    // A half-started app would leave pg-boss timers running into the next suite (CI hung on that).
    await release();
    throw error;
  }
  const { app, port } = started;
  sim.weather.feed.url ??= `http://127.0.0.1:${port}/api/v1/feeds/weather`;
  sim.customerServicePushUrl ??= `http://127.0.0.1:${port}/api/v1/wechat/cs-push`;
  const db = new pg.Client({ connectionString: databaseUrl });
  // A suite that takes the database away (health-down terminates every session) must not crash on
  // this idle session's error event; a later query on it still fails, visibly.
  db.on('error', () => undefined);
  await db.connect();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    sim,
    db,
    close: async () => {
      await db.end();
      await app.close();
      // The job queue's own workers have ended when app.close() returns. pg-boss's cron timekeeper
      // still runs one `work()` worker, whose off-work monitor (started detached by stop()) polls it
      // once a second: let that loop see it stopped inside this suite, before Jest tears the module
      // registry down (a poll after that fails the next suite with "Cannot destructure 'setTimeout'").
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await release();
    },
  };
};

const LISTEN_ATTEMPTS = 3;

/** The app is built for its port (notify URLs carry it), so a port taken meanwhile means building it again. */
const listenWithRetry = async (
  sim: RunningSimulator,
  options: TestAppOptions,
  databaseUrl: string,
): Promise<{ app: NestFastifyApplication; port: number }> => {
  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    const devConfig = sim.merchantConfig() as unknown as Record<string, string>;
    const config = loadConfig({
      NODE_ENV: 'test',
      SIM: '1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests decide which weather readings exist: no background pull of the simulated climate.
      WEATHER_PULL_SCHEDULE: 'off',
      ...devConfig,
      FLIGHT_DATA_ORIGIN: sim.origin,
      WEATHER_DATA_ORIGIN: sim.origin,
      SIM_ORIGIN: sim.origin,
      // Every test customer logs in from 127.0.0.1: suites that test the per-IP limit set their own.
      LOGIN_LIMIT_PER_IP: '100000',
      PORT: String(port),
      ...options.env,
      DATABASE_URL: databaseUrl,
    });
    const app = await createApp({ ...config, databaseUrl }, integrationsConfigOf(config));
    try {
      await app.listen({ port, host: '127.0.0.1' });
      return { app, port };
    } catch (error) {
      await app.close();
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!inUse || attempt >= LISTEN_ATTEMPTS) throw error;
    }
  }
};
