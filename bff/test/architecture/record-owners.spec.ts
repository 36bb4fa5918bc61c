import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

/**
 * One owner per record (issue 15, docs/adr-0019-record-owners.md): a table is written (INSERT,
 * UPDATE, DELETE) only by the files of the module that owns it. Everyone else asks the owner's use
 * cases. The scan reads every source file of the BFF, its simulator, its benchmarks and its tests.
 */
const bffRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const OWNERS: Record<string, string> = {
  policies: 'src/modules/policy/',
  claims: 'src/modules/claim/',
  // HEAT37's daily lines of a claim: written in the statement that grows the claims from them.
  heat_accruals: 'src/modules/claim/',
};

/**
 * Writers outside the owner that remain to be moved (issue 15). Each entry must still write its
 * table, so the list can only shrink: moving a write to its owner means deleting its line here.
 */
const REMAINING_CROSSINGS: Record<string, string[]> = {
  policies: [],
  claims: [],
  heat_accruals: [],
};

/**
 * Not debts. Migrations are history (never edited once run). The status-guard test writes rows
 * directly on purpose: what it checks is that the database itself refuses a transition no
 * use case would attempt. This file holds sample statements for its detector.
 */
const EXEMPT = [
  /^src\/core\/database\/migrations\//,
  /^test\/medium\/status-transition-guards\.medium\.spec\.ts$/,
  /^test\/architecture\/record-owners\.spec\.ts$/,
];

/** The tables a source text writes: INSERT INTO t, UPDATE t, DELETE FROM t (any case, any spacing). */
export function tablesWritten(source: string): Set<string> {
  const written = new Set<string>();
  for (const match of source.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+("?)([a-z_]+)\1(?=[\s(;`'"]|$)/gi))
    written.add(match[2]!.toLowerCase());
  return written;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every (file, table) pair writing an owned table, file relative to bff/. */
function writers(): { file: string; table: string }[] {
  return ['src', 'sim', 'bench', 'test']
    .flatMap((dir) => sourceFiles(join(bffRoot, dir)))
    .map((path) => relative(bffRoot, path).split('\\').join('/'))
    .filter((file) => !EXEMPT.some((pattern) => pattern.test(file)))
    .flatMap((file) =>
      [...tablesWritten(readFileSync(join(bffRoot, file), 'utf8'))]
        .filter((table) => table in OWNERS)
        .map((table) => ({ file, table })),
    );
}

describe('one owner per record: policies, claims and heat accruals are written only by their modules', () => {
  const found = writers();

  it('finds no writer of policies, claims or heat accruals outside the owning module but the recorded crossings', () => {
    const crossings = found
      .filter(({ file, table }) => !file.startsWith(OWNERS[table]!))
      .filter(({ file, table }) => !REMAINING_CROSSINGS[table]!.includes(file))
      .map(({ file, table }) => `${file} writes ${table} (owned by ${OWNERS[table]})`);
    expect(crossings).toEqual([]);
  });

  it('keeps the list of remaining crossings true: each one still writes its table', () => {
    const stale = Object.entries(REMAINING_CROSSINGS).flatMap(([table, files]) =>
      files
        .filter((file) => !found.some((writer) => writer.file === file && writer.table === table))
        .map((file) => `${file} no longer writes ${table}: remove it from REMAINING_CROSSINGS`),
    );
    expect(stale).toEqual([]);
  });

  it('sees the owners write their own tables (the scan reads the files it should)', () => {
    expect(found).toEqual(
      expect.arrayContaining([
        { file: 'src/modules/policy/policy.repository.ts', table: 'policies' },
        { file: 'src/modules/claim/claim.repository.ts', table: 'claims' },
        { file: 'src/modules/claim/claim.repository.ts', table: 'heat_accruals' },
      ]),
    );
  });

  it('would catch a write in any spelling: upper and lower case, line breaks, aliases, quoted names', () => {
    const sample = [
      'INSERT INTO policies (policy_no) VALUES ($1)',
      "`insert into\n   claims (claim_no) SELECT 'x'`",
      'UPDATE claims c SET status = $2',
      'update "policies" set status = 1',
      'DELETE FROM claims WHERE id = $1',
      'SELECT * FROM policies; UPDATE policies_archive SET x = 1; INSERT INTO claims_log VALUES (1)',
    ].join('\n');
    expect([...tablesWritten(sample)].sort()).toEqual(['claims', 'claims_log', 'policies', 'policies_archive']);
    expect(tablesWritten('SELECT p.id FROM policies p JOIN claims c ON c.policy_id = p.id').size).toBe(0);
  });
});
