import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { startEmbeddedPostgres } from '../../src/core/database/embedded-postgres.js';
import { findFreePort } from '../../src/core/net/free-port.js';
import { runMigrations } from '../../src/core/database/migrate.js';
import { spawnBff, type SpawnedBff } from './spawn-bff.js';

export interface BenchStack {
  databaseUrl: string;
  sim: RunningSimulator;
  bffUrls: string[];
  /** The BFF processes' pids, in the order of `bffUrls` (the first one runs the jobs). */
  bffPids: number[];
  bffs: SpawnedBff[];
  db: pg.Pool;
  stop(): Promise<void>;
}

/**
 * What a benchmark runs against: a fresh database (embedded, or a new database on DATABASE_URL's
 * server), the WeChat simulator, and the compiled BFF in `instances` separate processes (stateless
 * api instances, as in production behind a load balancer).
 */
export const startBenchStack = async (
  options: {
    instances?: number;
    role?: string;
    env?: Record<string, string>;
    /** The BFFs' log: see `spawnBff` (default: dropped, or shown when BENCH_BFF_LOG_LEVEL is set). */
    stdout?: 'ignore' | 'inherit' | 'pipe';
  } = {},
): Promise<BenchStack> => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    const name = `xiaoan_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    });
  } else {
    const embedded = await startEmbeddedPostgres({ fast: true });
    databaseUrl = embedded.url;
    cleanups.push(() => embedded.stop());
  }
  await runMigrations(databaseUrl);
  const sim = await startSimulator({ port: 0 });
  cleanups.push(() => sim.close());

  const bffs: SpawnedBff[] = [];
  cleanups.push(() => Promise.all(bffs.map((bff) => bff.stop())));
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    for (let i = 0; i < (options.instances ?? 1); i += 1) {
      bffs.push(
        await spawnBff({
          sim,
          databaseUrl,
          port: await findFreePort(),
          // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the BFF processes.
          nodeArgs: process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [],
          env: {
            NODE_ENV: 'production',
            DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
            LOG_LEVEL: process.env.BENCH_BFF_LOG_LEVEL ?? 'warn',
            BFF_ROLE: options.role ?? (i === 0 ? 'all' : 'api'),
            WEATHER_PULL_SCHEDULE: 'off',
            // The load generator logs its customers in from one address.
            LOGIN_LIMIT_PER_IP: '1000000',
            ...options.env,
          },
          // BENCH_BFF_LOG_LEVEL (e.g. info) shows the BFF's log.
          stdout: options.stdout ?? (process.env.BENCH_BFF_LOG_LEVEL ? 'inherit' : 'ignore'),
          stderr: 'inherit',
          // A loaded machine (other work on the same cores) can take well over 30 s to start a BFF.
          startTimeoutMs: Number(process.env.BENCH_START_TIMEOUT_SECONDS ?? 180) * 1000,
        }),
      );
    }
  } catch (error) {
    // A BFF that did not start: the ones already running, the simulator and the database go too.
    await stop();
    throw error;
  }
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  cleanups.push(() => db.end());
  return {
    databaseUrl,
    sim,
    bffUrls: bffs.map((bff) => bff.url),
    bffPids: bffs.map((bff) => bff.pid),
    bffs,
    db,
    stop,
  };
};

export const printMachine = (what: string): void => {
  const cpu = cpus();
  console.log(
    `# machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
  );
  console.log(`# ran: ${what}`);
};

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const bench = (name: string, value: number, unit: string): void => {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(1) : 'NaN'} ${unit}`);
};
