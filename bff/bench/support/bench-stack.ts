import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { startEmbeddedPostgres } from '../../src/core/database/embedded-postgres.js';
import { findFreePort } from '../../src/core/net/free-port.js';
import { runMigrations } from '../../src/core/database/migrate.js';

export interface BenchStack {
  databaseUrl: string;
  sim: RunningSimulator;
  bffUrls: string[];
  /** The BFF processes' pids, in the order of `bffUrls` (the first one runs the jobs). */
  bffPids: number[];
  db: pg.Pool;
  stop(): Promise<void>;
}

/**
 * What a benchmark runs against: a fresh database (embedded, or a new database on DATABASE_URL's
 * server), the WeChat simulator, and the compiled BFF in `instances` separate processes (stateless
 * api instances, as in production behind a load balancer).
 */
export const startBenchStack = async (
  options: { instances?: number; role?: string; env?: Record<string, string> } = {},
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

  const main = fileURLToPath(new URL('../../src/main.js', import.meta.url));
  const bffUrls: string[] = [];
  const children: ChildProcess[] = [];
  for (let i = 0; i < (options.instances ?? 1); i += 1) {
    const port = await findFreePort();
    // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the BFF processes.
    const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
    const child = spawn(process.execPath, [...nodeArgs, main], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: process.env.BENCH_BFF_LOG_LEVEL ?? 'warn',
        PORT: String(port),
        // Outside simulator mode the public address is required (notify URLs, the e-policy's QR).
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        BFF_ROLE: options.role ?? (i === 0 ? 'all' : 'api'),
        ...(sim.merchantConfig() as unknown as Record<string, string>),
        FLIGHT_DATA_ORIGIN: sim.origin,
        WEATHER_DATA_ORIGIN: sim.origin,
        WEATHER_PULL_SCHEDULE: 'off',
        // The load generator logs its customers in from one address.
        LOGIN_LIMIT_PER_IP: '1000000',
        ...options.env,
      },
      // BENCH_BFF_LOG_LEVEL (e.g. info) shows the BFF's log.
      stdio: ['ignore', process.env.BENCH_BFF_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
    });
    children.push(child);
    bffUrls.push(`http://127.0.0.1:${port}`);
    await waitForHealth(`http://127.0.0.1:${port}`);
  }
  cleanups.push(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  cleanups.push(() => db.end());
  return {
    databaseUrl,
    sim,
    bffUrls,
    bffPids: children.map((child) => child.pid!),
    db,
    stop: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
};

const waitForHealth = async (url: string): Promise<void> => {
  // A loaded machine (other work on the same cores) can take well over 30 s to start a BFF.
  const deadline = Date.now() + Number(process.env.BENCH_START_TIMEOUT_SECONDS ?? 180) * 1000;
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`BFF at ${url} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
