import 'reflect-metadata';
import { loadConfig, type AppConfig } from './core/config/app-config.js';
import { ConfigError } from './core/config/config-error.js';
import { integrationsConfigOf, type IntegrationsConfig } from './core/config/integrations-config.js';
import { describeDatabaseError } from './core/database/describe-database-error.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres.js';
import { runMigrations } from './core/database/migrate.js';
import { startSimulatorProcess, type SimulatorProcess } from './core/simulator/simulator-process.js';
import { createApp, createWorkerContext } from './create-app.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Everything started so far, stopped in reverse on failure, Ctrl-C or SIGTERM. */
const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
};

/**
 * SIGINT/SIGTERM stop everything started so far (the simulator's process, the embedded database),
 * whenever they arrive, start-up included. Registered before anything is started; the app's own
 * (Nest) signal hooks stay off, since they would re-raise the signal before this finishes.
 */
let stopping = false;
const onStopSignal = (signal: NodeJS.Signals) => {
  process.on(signal, () => {
    // A second Ctrl-C while stopping means "now": the simulator still stops by itself (its parent is gone).
    if (stopping) process.exit(130);
    stopping = true;
    say(`\n${signal}: shutting down…`);
    void cleanUp().finally(() => process.exit(0));
  });
};
onStopSignal('SIGINT');
onStopSignal('SIGTERM');

const fail = async (message: string): Promise<never> => {
  process.stderr.write(`\n启动失败 / start-up failed: ${message}\n\n`);
  await cleanUp();
  process.exit(1);
};

/** Fill every variable the simulator offers that was not set explicitly. */
const withSimulator = (config: AppConfig, simulator: SimulatorProcess): AppConfig => {
  const fills: Record<string, string> = {
    ...simulator.devConfig,
    FLIGHT_DATA_ORIGIN: simulator.origin,
    WEATHER_DATA_ORIGIN: simulator.origin,
  };
  const env: NodeJS.ProcessEnv = { ...process.env, SIM: '1', SIM_ORIGIN: simulator.origin };
  for (const [name, value] of Object.entries(fills)) if (!env[name]) env[name] = value;
  return loadConfig(env);
};

const main = async (): Promise<void> => {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }

  // 1. The database: the one given, or an embedded one.
  let databaseUrl = config.databaseUrl;
  let embedded: EmbeddedDatabase | undefined;
  if (!databaseUrl) {
    say('DATABASE_URL is not set: starting an embedded PostgreSQL (data under the OS temp dir)…');
    try {
      embedded = await startEmbeddedPostgres({ fast: config.env !== 'production' });
    } catch (error) {
      return fail(`could not start the embedded PostgreSQL: ${(error as Error).message}`);
    }
    cleanups.push(() => embedded!.stop());
    databaseUrl = embedded.url;
  }
  try {
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) say(`Applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    return fail(describeDatabaseError(databaseUrl, error));
  }

  // 2. WeChat: the real one, or the simulator in its own process.
  let simulator: SimulatorProcess | undefined;
  if (config.simulator.enabled) {
    try {
      simulator = await startSimulatorProcess({
        host: config.http.host,
        port: config.simulator.port,
        csPushUrl: `http://${config.http.host}:${config.http.port}/api/v1/wechat/cs-push`,
        flightFeedUrl: `http://${config.http.host}:${config.http.port}/api/v1/feeds/flight-status`,
        weatherFeedUrl: `http://${config.http.host}:${config.http.port}/api/v1/feeds/weather`,
      });
    } catch (error) {
      return fail(`could not start the WeChat simulator: ${(error as Error).message}`);
    }
    cleanups.push(() => simulator!.stop());
    config = withSimulator(config, simulator);
  }
  let integrations: IntegrationsConfig;
  try {
    integrations = integrationsConfigOf(config);
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }
  const appConfig = { ...config, databaseUrl };

  // 3. The application, as a worker or with its HTTP server.
  if (config.role === 'worker') {
    const worker = await createWorkerContext(appConfig, integrations, { shutdownHooks: false });
    cleanups.push(() => worker.close());
    say('小安保险 worker is running (jobs and schedules). Press Ctrl-C to stop.');
    return;
  }

  const app = await createApp(appConfig, integrations, { shutdownHooks: false });
  cleanups.push(() => app.close());
  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (error) {
    return fail(`cannot listen on ${config.http.host}:${config.http.port}: ${(error as Error).message}`);
  }
  const base = `http://${config.http.host}:${config.http.port}`;
  say(
    [
      '',
      `  小安保险 is running: ${base}/`,
      `  API:      ${base}/api/v1/products`,
      `  OpenAPI:  ${base}/api/docs`,
      `  Database: ${embedded ? `embedded PostgreSQL on port ${embedded.port}` : 'DATABASE_URL'}`,
      `  WeChat:   ${simulator ? `simulator at ${simulator.origin} (dev endpoints under /__sim)` : integrations.wechatPay.origin}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
};

void main();
