import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const bffRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const srcRoot = join(bffRoot, 'src');
const simRoot = join(bffRoot, 'sim');

/** Every module specifier in a source text: static import/export, dynamic import(), require(). */
function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

/** True when the specifier, seen from `file`, points into bff/sim. */
function pointsIntoSimulator(file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    return target === simRoot || target.startsWith(simRoot + sep);
  }
  // Package-style paths to the simulator (e.g. "@xiaoan/bff/sim/index.js").
  return /(^|\/)bff\/(dist\/)?sim(\/|$)/.test(specifier);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('dependency rule: production code never imports the simulator', () => {
  it('finds no import from bff/sim anywhere under bff/src', () => {
    const violations = sourceFiles(srcRoot).flatMap((file) =>
      moduleSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => pointsIntoSimulator(file, specifier))
        .map((specifier) => `${relative(bffRoot, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('would catch a violation: the detector flags every import form on a sample file', () => {
    const file = join(srcRoot, 'modules', 'order', 'place-order.use-case.ts');
    const sample = [
      "import { startSimulator } from '../../../sim/index.js';",
      "import type { SimulatorKeys } from '../../../sim/sim-keys.js';",
      "export { DEV_SIMULATOR_KEYS } from '../../../sim/index.js';",
      "import '../../../sim/main.js';",
      "const sim = await import('../../../sim/simulator.js');",
      "const keys = require('../../../sim/fixtures/dev-key-material.js');",
      "import { x } from '@xiaoan/bff/sim/index.js';",
      "import {\n  startSimulator,\n} from '../../../sim';",
    ].join('\n');
    const flagged = moduleSpecifiers(sample).filter((s) => pointsIntoSimulator(file, s));
    expect(flagged).toHaveLength(8);
  });

  it('does not flag look-alikes that stay outside bff/sim', () => {
    const file = join(srcRoot, 'integrations', 'wechat-pay', 'wechat-pay.gateway.ts');
    const sample = [
      "import { simulate } from './simulate.js';",
      "import { WechatPaySdk } from './wechat-pay.sdk.js';",
      "import { x } from '../../modules/sim-card/sim-card.js';",
      "import pg from 'pg';",
    ].join('\n');
    expect(moduleSpecifiers(sample).filter((s) => pointsIntoSimulator(file, s))).toEqual([]);
  });
});
