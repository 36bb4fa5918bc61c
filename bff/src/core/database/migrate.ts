import { createDataSource } from './data-source.factory.js';

/** Apply every pending migration; returns the names applied. */
export const runMigrations = async (url: string): Promise<string[]> => {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'xiaoan-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
};
