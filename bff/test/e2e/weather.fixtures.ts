import { makeIdNumber } from '../support/customer.js';
import type { Order, Quote } from '@xiaoan/shared';
import { signFeedBody } from '../../sim/flights/flight-feed-signature.js';
import { DEV_WEATHER_FEED_SECRET } from '../../sim/weather/weather-feed-pusher.js';
import { ImportWeatherHistoryUseCase } from '../../src/modules/pricing/weather/import-weather-history.use-case.js';
import type { TestCustomer } from '../support/customer.js';
import type { TestApp } from '../support/test-app.js';

/** Station history from the simulated provider (its pull API), imported as production would. */
export const importSimulatedHistory = async (
  testApp: TestApp,
  from = '2012-01-01',
  to = '2026-12-31',
): Promise<void> => {
  const response = await fetch(`${testApp.sim.origin}/weather-data/v1/history.csv?from=${from}&to=${to}`);
  if (!response.ok) throw new Error(`history.csv: ${response.status}`);
  const result = await testApp.app.get(ImportWeatherHistoryUseCase).execute(await response.text());
  if (!('rows' in result) || result.rows === 0) throw new Error(`history import failed: ${JSON.stringify(result)}`);
};

/** Move the BFF's weather clock (simulator only). */
export const travelTo = async (testApp: TestApp, at: string): Promise<void> => {
  const response = await fetch(`${testApp.baseUrl}/api/dev/sim/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at }),
  });
  if (response.status !== 200) throw new Error(`clock: ${response.status} ${await response.text()}`);
};

/** Quote, order, pay in the simulator and wait until the policy is issued. */
export const buyWeather = async (
  customer: TestCustomer,
  body: Record<string, unknown>,
  insured: { idNumber: string; name?: string },
  /** RAIN names every person: by default the fixture makes up the other `persons - 1`. */
  companions?: { name: string; idNumber: string; relationship?: string }[],
): Promise<{ quote: Quote; order: Order }> => {
  const quoted = await customer.api<Quote & { code?: string }>('POST', '/api/v1/quotes', body);
  if (quoted.status !== 201) throw new Error(`quote: ${quoted.status} ${JSON.stringify(quoted.body)}`);
  const persons = typeof body.persons === 'number' ? body.persons : 1;
  const others =
    companions ??
    Array.from({ length: persons - 1 }, (_, i) => ({
      name: `同行${'甲乙丙丁戊己庚辛壬'[i]}`,
      idNumber: makeIdNumber(),
      relationship: 'other',
    }));
  const ordered = await customer.order(quoted.body, insured, undefined, { companions: others });
  if (ordered.status !== 201) throw new Error(`order: ${ordered.status} ${JSON.stringify(ordered.body)}`);
  customer.pay(ordered.body);
  const order = await customer.waitForOrder(ordered.body.id, ['issued', 'refunding', 'refunded']);
  return { quote: quoted.body, order };
};

export interface WeatherFeedAnswer {
  status: number;
  body: { eventId?: string; outcome?: string; approvedClaims?: number; code?: string };
}

/** What the weather provider pushes, signed with the feed secret unless told otherwise. */
export const postWeatherEvent = async (
  baseUrl: string,
  event: Record<string, unknown>,
  options: { secret?: string; timestampSeconds?: number; rawBody?: string } = {},
): Promise<WeatherFeedAnswer> => {
  const body = options.rawBody ?? JSON.stringify(event);
  const signed = signFeedBody(options.secret ?? DEV_WEATHER_FEED_SECRET, body, options.timestampSeconds);
  const response = await fetch(`${baseUrl}/api/v1/feeds/weather`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
};

let sequence = 0;

export const dailyMaxEvent = (
  stationId: string,
  date: string,
  tmaxCelsius: number,
  eventId = `T-${stationId}-${date}-${(sequence += 1)}`,
) => ({
  eventId,
  kind: 'daily_max',
  stationId,
  date,
  tmaxCelsius,
  observedAt: `${nextDay(date)}T00:00:00+08:00`,
});

export const hourlyPrecipEvent = (
  stationId: string,
  date: string,
  hour: number,
  precipitationMm: number,
  eventId = `R-${stationId}-${date}-${hour}-${(sequence += 1)}`,
) => ({
  eventId,
  kind: 'hourly_precip',
  stationId,
  hourStart: `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`,
  precipitationMm,
  observedAt: new Date(Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`) + 3600_000).toISOString(),
});

export const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** `count` consecutive dates from `start`. */
export const datesFrom = (start: string, count: number): string[] => {
  const dates = [start];
  while (dates.length < count) dates.push(nextDay(dates.at(-1)!));
  return dates;
};
