import 'reflect-metadata';
import { loadConfig, type AppConfig } from './core/config/app-config.js';
import { ConfigError } from './core/config/config-error.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres.js';
import { runMigrations } from './core/database/migrate.js';
import { describeDatabaseError } from './core/database/describe-database-error.js';
import { createApp, createWorkerContext } from './create-app.js';

const fail = (message: string): never => {
  process.stderr.write(`\n启动失败 / start-up failed: ${message}\n\n`);
  process.exit(1);
};

const main = async (): Promise<void> => {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    process.stdout.write('DATABASE_URL is not set: starting an embedded PostgreSQL (data under the OS temp dir)…\n');
    try {
      embedded = await startEmbeddedPostgres({ fast: config.env !== 'production' });
    } catch (error) {
      return fail(`could not start the embedded PostgreSQL: ${(error as Error).message}`);
    }
    databaseUrl = embedded.url;
  }

  const stopDatabase = async () => {
    await embedded?.stop().catch(() => undefined);
  };

  try {
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) process.stdout.write(`Applied migrations: ${applied.join(', ')}\n`);
  } catch (error) {
    await stopDatabase();
    return fail(describeDatabaseError(databaseUrl, error));
  }

  if (config.role === 'worker') {
    const worker = await createWorkerContext({ ...config, databaseUrl });
    const stopWorker = async (signal: string) => {
      process.stdout.write(`\n${signal}: stopping the worker…\n`);
      await worker.close().catch(() => undefined);
      await stopDatabase();
      process.exit(0);
    };
    process.once('SIGINT', () => void stopWorker('SIGINT'));
    process.once('SIGTERM', () => void stopWorker('SIGTERM'));
    process.stdout.write('小安保险 worker is running (jobs and schedules). Press Ctrl-C to stop.\n');
    return;
  }

  const app = await createApp({ ...config, databaseUrl });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal}: shutting down…\n`);
    await app.close().catch(() => undefined);
    await stopDatabase();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (error) {
    await stopDatabase();
    return fail(`cannot listen on ${config.http.host}:${config.http.port}: ${(error as Error).message}`);
  }
  const base = `http://${config.http.host}:${config.http.port}`;
  process.stdout.write(
    [
      '',
      `  小安保险 is running: ${base}/`,
      `  API:      ${base}/api/v1/products`,
      `  OpenAPI:  ${base}/api/docs`,
      `  Database: ${embedded ? `embedded PostgreSQL on port ${embedded.port}` : 'DATABASE_URL'}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
};

void main();
