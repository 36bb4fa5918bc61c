import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { WeatherDataClient, WeatherDataError } from '../../src/integrations/weather-data/weather-data.client.js';

/** The production pull adapter against the simulated provider, over real HTTP. */
describe('WeatherDataClient', () => {
  let sim: RunningSimulator;
  let client: WeatherDataClient;
  beforeAll(async () => {
    sim = await startSimulator();
    client = new WeatherDataClient({ origin: sim.origin, timeoutMs: 5000 });
  });
  afterAll(() => sim.close());

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a WeatherDataError');
      },
      (error: unknown) => error,
    );

  it('reads a day of observations, corrections included', async () => {
    await sim.weather.setDailyMax({ stationId: '58457', date: '2027-07-10', tmaxCelsius: 39.1, push: false });
    const day = await client.observations('2027-07-10');
    expect(day.date).toBe('2027-07-10');
    expect(day.readings).toHaveLength(12 + 8 * 24);
    expect(day.readings).toContainEqual({
      eventId: 'wx-58457-2027-07-10-max-r1',
      kind: 'daily_max',
      stationId: '58457',
      date: '2027-07-10',
      tmaxCelsius: 39.1,
      observedAt: '2027-07-11T00:00:00+08:00',
    });
  });

  it('reads the station history as CSV', async () => {
    const csv = await client.historyCsv('2026-06-01', '2026-06-30');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('station,date,tmax,precipitation');
    expect(lines).toHaveLength(1 + 20 * 30);
  });

  it('surfaces a provider 500 as retryable, and a refused request as not', async () => {
    sim.weather.failPulls({ status: 500 });
    const outage = await failure(client.observations('2027-07-10'));
    expect(outage).toBeInstanceOf(WeatherDataError);
    expect(outage).toMatchObject({ retryable: true, message: expect.stringContaining('500') });
    // The fault fired once; the next pull is served.
    await expect(client.observations('2027-07-10')).resolves.toMatchObject({ date: '2027-07-10' });

    sim.weather.failPulls({ status: 429 });
    await expect(failure(client.historyCsv('2026-06-01', '2026-06-02'))).resolves.toMatchObject({ retryable: true });

    const refused = await failure(client.observations('2027-02-30'));
    expect(refused).toBeInstanceOf(WeatherDataError);
    expect(refused).toMatchObject({ retryable: false });
  });

  it('surfaces an unreachable provider as retryable', async () => {
    const offline = new WeatherDataClient({ origin: 'http://127.0.0.1:9', timeoutMs: 1000 });
    await expect(failure(offline.observations('2027-07-10'))).resolves.toMatchObject({
      name: 'WeatherDataError',
      retryable: true,
    });
  });

  it('rejects an answer that does not match the contract, without retrying', async () => {
    // A provider that changed its format: a reading without its value.
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          date: '2027-07-10',
          readings: [{ eventId: 'x', kind: 'daily_max', stationId: '57494', date: '2027-07-10' }],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const changed = new WeatherDataClient({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      await expect(failure(changed.observations('2027-07-10'))).resolves.toMatchObject({
        name: 'WeatherDataError',
        retryable: false,
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
