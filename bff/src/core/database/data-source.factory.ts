import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DataSourceSettings {
  url: string;
  /** Pool size per process. */
  poolSize?: number;
  applicationName?: string;
}

export const dataSourceOptions = (settings: DataSourceSettings): DataSourceOptions => ({
  type: 'postgres',
  url: settings.url,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'schema_migrations',
  migrationsTransactionMode: 'each',
  synchronize: false,
  uuidExtension: 'pgcrypto',
  logging: ['error'],
  extra: {
    max: settings.poolSize ?? 20,
    // Fail fast when the server is not there; boot must say why within seconds.
    connectionTimeoutMillis: 5000,
    application_name: settings.applicationName ?? 'xiaoan-bff',
  },
});

export const createDataSource = (settings: DataSourceSettings): DataSource =>
  new DataSource(dataSourceOptions(settings));
