import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { weatherObservationsResponseSchema, weatherReadingEventSchema } from '@xiaoan/shared';
import { startSimulator, type RunningSimulator } from '../index.js';
import { DEV_WEATHER_FEED_SECRET } from './weather-feed-pusher.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for the BFF's /api/v1/feeds/weather: records what arrives, answers 200 unless told otherwise. */
const startReceiver = async () => {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/feeds/weather`,
    received,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** architecture.md: hex(HMAC-SHA256(secret, timestamp + "." + rawBody)), timestamp in Unix seconds. */
const signatureVerifies = ({ headers, body }: Received, secret = DEV_WEATHER_FEED_SECRET): boolean => {
  const timestamp = String(headers['x-feed-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(String(headers['x-feed-signature']), 'hex');
  return (
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    Math.abs(Date.now() / 1000 - Number(timestamp)) < 300
  );
};

describe('the simulated weather provider over HTTP', () => {
  let sim: RunningSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startSimulator({ weatherFeedUrl: receiver.url });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answers.length = 0;
  });

  const get = (path: string) => fetch(`${sim.origin}${path}`);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sim.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('answers a day of observations in the shape of the shared contract: a maximum per city, 24 hours per spot', async () => {
    const response = await get('/weather-data/v1/observations?date=2027-07-01');
    expect(response.status).toBe(200);
    const day = weatherObservationsResponseSchema.parse(await response.json());
    expect(day.date).toBe('2027-07-01');
    const maxima = day.readings.filter((reading) => reading.kind === 'daily_max');
    const hours = day.readings.filter((reading) => reading.kind === 'hourly_precip');
    expect(maxima).toHaveLength(12);
    expect(hours).toHaveLength(8 * 24);
    expect(maxima.find((reading) => reading.stationId === '57494')).toMatchObject({
      eventId: 'wx-57494-2027-07-01-max-r0',
      date: '2027-07-01',
      observedAt: '2027-07-02T00:00:00+08:00',
    });
    const xihu = hours.filter((reading) => reading.stationId === 'A58457');
    expect(xihu.map((reading) => reading.hourStart)).toEqual(
      Array.from({ length: 24 }, (_, hour) => `2027-07-01T${String(hour).padStart(2, '0')}:00:00+08:00`),
    );
    expect(xihu[14]).toMatchObject({
      eventId: 'wx-A58457-2027-07-01T14-pr-r0',
      observedAt: '2027-07-01T15:00:00+08:00',
    });
    expect(xihu[23]!.observedAt).toBe('2027-07-02T00:00:00+08:00');
    for (const reading of day.readings) expect(reading.eventId.length).toBeLessThanOrEqual(64);
    // Readings come to 0.1.
    for (const reading of maxima) expect(Math.round(reading.tmaxCelsius * 10) / 10).toBe(reading.tmaxCelsius);
    // The same day asked again is the same day.
    expect(await (await get('/weather-data/v1/observations?date=2027-07-01')).json()).toEqual(day);
  });

  it('refuses a missing, malformed or impossible date with 400', async () => {
    for (const query of ['', '?date=nope', '?date=2027-02-30', '?date=1999-12-31']) {
      const response = await get(`/weather-data/v1/observations${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'INVALID_REQUEST', message: expect.any(String) });
    }
  });

  it('serves fifteen years of station history as CSV in well under two seconds, consistent with the observations', async () => {
    const started = Date.now();
    const response = await get('/weather-data/v1/history.csv?from=2011-01-01&to=2025-12-31');
    const csv = await response.text();
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(elapsed).toBeLessThan(2000);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('station,date,tmax,precipitation');
    const days = 15 * 365 + 4;
    expect(lines).toHaveLength(1 + 20 * days);
    for (const line of lines.slice(1, 2000)) expect(line).toMatch(/^\d{5},\d{4}-\d{2}-\d{2},-?\d+\.\d,$/);
    for (const line of lines.slice(-2000)) expect(line).toMatch(/^A\d{5},\d{4}-\d{2}-\d{2},-?\d+\.\d,\d+\.\d$/);

    const day = weatherObservationsResponseSchema.parse(
      await (await get('/weather-data/v1/observations?date=2020-07-15')).json(),
    );
    const row = (stationId: string) => lines.find((line) => line.startsWith(`${stationId},2020-07-15,`))!.split(',');
    const wuhan = day.readings.find((reading) => reading.stationId === '57494' && reading.kind === 'daily_max');
    expect(Number(row('57494')[2])).toBe(wuhan?.kind === 'daily_max' ? wuhan.tmaxCelsius : NaN);
    const windowMm = day.readings
      .filter((reading) => reading.stationId === 'A58457' && reading.kind === 'hourly_precip')
      .slice(9, 17)
      .reduce((sum, reading) => sum + (reading.kind === 'hourly_precip' ? reading.precipitationMm : 0), 0);
    expect(Number(row('A58457')[3])).toBeCloseTo(windowMm, 5);
  });

  it('refuses a history range that is backwards or malformed', async () => {
    expect((await get('/weather-data/v1/history.csv?from=2025-01-02&to=2025-01-01')).status).toBe(400);
    expect((await get('/weather-data/v1/history.csv?from=2025-01-01')).status).toBe(400);
  });

  it('pushes a corrected daily maximum, signed, before answering, and bumps its revision and event id', async () => {
    const first = await post('/__sim/weather/daily-max', { stationId: '57494', date: '2027-07-02', tmaxCelsius: 38.4 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      pushStatus: 200,
      event: { eventId: 'wx-57494-2027-07-02-max-r1', kind: 'daily_max', tmaxCelsius: 38.4 },
    });
    expect(receiver.received).toHaveLength(1);
    expect(signatureVerifies(receiver.received[0]!)).toBe(true);
    expect(signatureVerifies(receiver.received[0]!, 'another-secret')).toBe(false);
    const pushed = weatherReadingEventSchema.parse(JSON.parse(receiver.received[0]!.body));
    expect(pushed).toEqual(first.body.event);

    const second = await sim.weather.setDailyMax({ stationId: '57494', date: '2027-07-02', tmaxCelsius: 36.9 });
    expect(second.event.eventId).toBe('wx-57494-2027-07-02-max-r2');
    const day = weatherObservationsResponseSchema.parse(
      await (await get('/weather-data/v1/observations?date=2027-07-02')).json(),
    );
    expect(day.readings.find((reading) => reading.stationId === '57494')).toMatchObject({
      eventId: 'wx-57494-2027-07-02-max-r2',
      tmaxCelsius: 36.9,
    });
    const csv = await (await get('/weather-data/v1/history.csv?from=2027-07-02&to=2027-07-02')).text();
    expect(csv).toContain('\n57494,2027-07-02,36.9,\n');
  });

  it('sets an hour of rain given in any offset, counts it in the visiting window, and can skip the push', async () => {
    const before = sim.weather.windowPrecipitationMm('A58457', '2027-07-03');
    const hour14 = sim.weather.hourlyPrecip('A58457', '2027-07-03')[14]!.precipitationMm;
    const set = await post('/__sim/weather/hourly-precip', {
      stationId: 'A58457',
      hourStart: '2027-07-03T06:00:00Z',
      precipitationMm: 12.5,
      push: false,
    });
    expect(set.body).toMatchObject({
      pushStatus: null,
      event: {
        eventId: 'wx-A58457-2027-07-03T14-pr-r1',
        hourStart: '2027-07-03T14:00:00+08:00',
        observedAt: '2027-07-03T15:00:00+08:00',
        precipitationMm: 12.5,
      },
    });
    expect(receiver.received).toHaveLength(0);
    expect(sim.weather.windowPrecipitationMm('A58457', '2027-07-03')).toBeCloseTo(before - hour14 + 12.5, 5);
    const csv = await (await get('/weather-data/v1/history.csv?from=2027-07-03&to=2027-07-03')).text();
    expect(csv).toMatch(new RegExp(`\\nA58457,2027-07-03,-?\\d+\\.\\d,${(before - hour14 + 12.5).toFixed(1)}\\n`));
  });

  it('retries a push the receiver failed with 5xx', async () => {
    receiver.answers.push(503);
    const result = await sim.weather.setHourlyPrecip({
      stationId: 'A54511',
      hourStart: '2027-07-20T15:00:00+08:00',
      precipitationMm: 3.2,
    });
    expect(result.pushStatus).toBe(200);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.every((delivery) => signatureVerifies(delivery))).toBe(true);
    expect(sim.weather.feed.deliveries.at(-1)).toEqual({
      eventId: 'wx-A54511-2027-07-20T15-pr-r1',
      status: 200,
      attempts: 2,
    });
  });

  it('pushes a whole day, every reading signed', async () => {
    const { status, body } = await post('/__sim/weather/push-day', { date: '2027-07-04' });
    expect(status).toBe(200);
    expect(body).toEqual({
      date: '2027-07-04',
      events: 12 + 8 * 24,
      delivered: 12 + 8 * 24,
      failed: 0,
      feedUrl: receiver.url,
    });
    expect(receiver.received).toHaveLength(12 + 8 * 24);
    expect(receiver.received.every((delivery) => signatureVerifies(delivery))).toBe(true);
    expect(
      new Set(receiver.received.map((delivery) => (JSON.parse(delivery.body) as { eventId: string }).eventId)).size,
    ).toBe(12 + 8 * 24);
  });

  it('lists its stations, and refuses unknown stations (404) and bad readings (400) with a message', async () => {
    const stations = (await (await get('/__sim/weather/stations')).json()) as {
      items: { stationId: string; kind: string; code: string; name: string }[];
    };
    expect(stations.items).toHaveLength(20);
    expect(stations.items.filter((station) => station.kind === 'city')).toHaveLength(12);
    expect(stations.items).toContainEqual(
      expect.objectContaining({ stationId: '57494', kind: 'city', code: 'wuhan', name: '武汉' }),
    );
    expect(stations.items).toContainEqual(
      expect.objectContaining({ stationId: 'A58457', kind: 'spot', code: 'xihu', name: '西湖' }),
    );

    expect(
      (await post('/__sim/weather/daily-max', { stationId: '99999', date: '2027-07-01', tmaxCelsius: 38 })).status,
    ).toBe(404);
    const bad = [
      ['/__sim/weather/daily-max', { stationId: '57494', date: '2027-07-32', tmaxCelsius: 38 }],
      ['/__sim/weather/daily-max', { stationId: '57494', date: '2027-07-01', tmaxCelsius: 'hot' }],
      ['/__sim/weather/daily-max', { stationId: 'A58457', date: '2027-07-01', tmaxCelsius: 38 }],
      [
        '/__sim/weather/hourly-precip',
        { stationId: 'A58457', hourStart: '2027-07-01T14:30:00+08:00', precipitationMm: 1 },
      ],
      [
        '/__sim/weather/hourly-precip',
        { stationId: 'A58457', hourStart: '2027-07-01T14:00:00+08:00', precipitationMm: -1 },
      ],
      [
        '/__sim/weather/hourly-precip',
        { stationId: '57494', hourStart: '2027-07-01T14:00:00+08:00', precipitationMm: 1 },
      ],
      ['/__sim/weather/push-day', {}],
    ] as const;
    for (const [path, body] of bad) {
      const answer = await post(path, body);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.body.message).toEqual(expect.any(String));
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('offers the weather feed secret in the dev config, next to the flight one', async () => {
    const config = (await (await get('/__sim/dev-config')).json()) as Record<string, string>;
    expect(config).toMatchObject({
      WEATHER_FEED_SECRET: DEV_WEATHER_FEED_SECRET,
      FLIGHT_FEED_SECRET: expect.any(String),
    });
  });

  it('answers null as the push status when no feed URL is set', async () => {
    expect((await post('/__sim/weather/feed', { url: null })).body).toEqual({ url: null });
    try {
      const result = await sim.weather.setDailyMax({ stationId: '54511', date: '2027-07-05', tmaxCelsius: 37.2 });
      expect(result.pushStatus).toBeNull();
      expect(await sim.weather.pushDay({ date: '2027-07-05' })).toMatchObject({
        events: 204,
        delivered: 0,
        failed: 0,
        feedUrl: null,
      });
    } finally {
      await post('/__sim/weather/feed', { url: receiver.url });
    }
    expect(receiver.received).toHaveLength(0);
  });
});
