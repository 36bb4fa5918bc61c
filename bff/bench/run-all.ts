/**
 * `npm run bench`: every benchmark, one after the other, each in its own process (each starts its
 * own database, simulator and BFF processes). Their `BENCH <name> <value> <unit>` lines go to stdout.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'purchase.bench.js',
  'flight-claims.bench.js',
  'heat-settle.bench.js',
  'cs-push.bench.js',
  'campaign-grants.bench.js',
];

let failed = 0;
for (const file of BENCHES) {
  console.log(`# ---- ${file} ----`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(`./${file}`, import.meta.url))], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`# ${file} failed with exit code ${result.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
