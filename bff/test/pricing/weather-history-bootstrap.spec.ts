import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { beijingDateOf } from '@xiaoan/shared';
import type { AppConfig } from '../../src/core/config/app-config.js';
import type { IntegrationsConfig } from '../../src/core/config/integrations-config.js';
import { createDataSource } from '../../src/core/database/data-source.factory.js';
import { ImportWeatherHistoryUseCase } from '../../src/modules/pricing/weather/import-weather-history.use-case.js';
import { WeatherHistoryBootstrap } from '../../src/modules/pricing/weather/weather-history.bootstrap.js';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../support/isolated-database.js';

const HISTORY_CSV =
  'station,date,tmax,precipitation\n57516,2016-07-21,38.2,0\n57516,2016-07-22,36.4,\nA58457,2016-07-21,,3.5\n';

/** A stand-in weather provider over real HTTP: answers the history download as told, and counts requests. */
let answer: (request: IncomingMessage, response: ServerResponse) => void;
let requests: string[] = [];
let server: Server;
let origin: string;
let database: IsolatedDatabase;
let dataSource: DataSource;

const devConfig = (overrides: Partial<Pick<AppConfig, 'env' | 'role'>> & { simulator?: boolean } = {}): AppConfig =>
  ({
    env: overrides.env ?? 'development',
    role: overrides.role ?? 'all',
    simulator: { enabled: overrides.simulator ?? true, port: 0 },
  }) as AppConfig;
const bootstrap = (config: AppConfig = devConfig()) =>
  new WeatherHistoryBootstrap(dataSource, new ImportWeatherHistoryUseCase(dataSource), config, {
    weatherData: { origin },
  } as IntegrationsConfig);
const historyRows = async (): Promise<number> =>
  ((await dataSource.query(`SELECT count(*)::int AS n FROM weather_history`)) as [{ n: number }])[0].n;

beforeAll(async () => {
  Logger.overrideLogger(false);
  server = createServer((request, response) => {
    requests.push(request.url!);
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
  dataSource = createDataSource({ url: database.url, poolSize: 4, applicationName: 'weather-bootstrap-spec' });
  await dataSource.initialize();
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await dataSource?.destroy();
  await database?.drop();
});

beforeEach(async () => {
  requests = [];
  answer = (_request, response) => response.writeHead(200, { 'content-type': 'text/csv' }).end(HISTORY_CSV);
  await dataSource.query(`DELETE FROM weather_history`);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('loading weather history for a development machine', () => {
  it('downloads fifteen years up to last year in the background and imports them', async () => {
    const loader = bootstrap();
    loader.onApplicationBootstrap();
    expect(loader.whenDone).not.toBeNull();
    await loader.whenDone;
    const lastYear = Number(beijingDateOf(new Date()).slice(0, 4)) - 1;
    expect(requests).toEqual([`/weather-data/v1/history.csv?from=${lastYear - 14}-01-01&to=${lastYear}-12-31`]);
    expect(await historyRows()).toBe(3);
    await loader.onModuleDestroy();
  });

  it('leaves a database that already has history alone', async () => {
    const first = bootstrap();
    first.onApplicationBootstrap();
    await first.whenDone;
    requests = [];
    const second = bootstrap();
    second.onApplicationBootstrap();
    await second.whenDone;
    expect(requests).toEqual([]);
  });

  it('lets only one of two processes starting together download', async () => {
    answer = (_request, response) => setTimeout(() => response.writeHead(200).end(HISTORY_CSV), 300);
    const [one, two] = [bootstrap(), bootstrap()];
    one.onApplicationBootstrap();
    two.onApplicationBootstrap();
    await Promise.all([one.whenDone, two.whenDone]);
    expect(requests).toHaveLength(1);
    expect(await historyRows()).toBe(3);
  });

  it('warns and carries on when the provider fails', async () => {
    answer = (_request, response) => response.writeHead(503).end();
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const loader = bootstrap();
    loader.onApplicationBootstrap();
    await expect(loader.whenDone).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      { message: expect.stringContaining('answered 503') },
      'weather history not loaded; HEAT37 and RAIN quotes decline until it is imported',
    );
    expect(await historyRows()).toBe(0);
  });

  it('stops a download still running when the app shuts down', async () => {
    answer = () => undefined; // never answers
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const loader = bootstrap();
    loader.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await loader.onModuleDestroy();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warn).not.toHaveBeenCalled();
    expect(await historyRows()).toBe(0);
  });

  it.each([
    ['without the simulator', devConfig({ simulator: false })],
    ['in production', devConfig({ env: 'production' })],
    ['under tests', devConfig({ env: 'test' })],
    ['in the worker role', devConfig({ role: 'worker' })],
  ])('does nothing %s', async (_case, config) => {
    const loader = bootstrap(config);
    loader.onApplicationBootstrap();
    expect(loader.whenDone).toBeNull();
    await loader.onModuleDestroy();
    expect(requests).toEqual([]);
  });

  it('does nothing when the app runs without its configuration (pricing used on its own)', async () => {
    const loader = new WeatherHistoryBootstrap(dataSource, new ImportWeatherHistoryUseCase(dataSource));
    loader.onApplicationBootstrap();
    expect(loader.whenDone).toBeNull();
  });
});
