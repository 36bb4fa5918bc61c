// `npm run migration:run` / `migration:revert` (after `npm run build`): apply or revert committed
// migrations on DATABASE_URL. `npm start` and `npm test` migrate by themselves.
import { loadConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.factory.js';

const command = process.argv[2];
const { databaseUrl } = loadConfig();
if (!databaseUrl || (command !== 'run' && command !== 'revert')) {
  process.stderr.write('usage: DATABASE_URL=postgres://… node dist/src/core/database/migrate.cli.js run|revert\n');
  process.exit(2);
}
const dataSource = await createDataSource({
  url: databaseUrl,
  poolSize: 1,
  applicationName: 'xiaoan-migrate',
}).initialize();
try {
  if (command === 'run') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'nothing to apply\n');
  } else {
    await dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write('reverted the last migration\n');
  }
} finally {
  await dataSource.destroy();
}
