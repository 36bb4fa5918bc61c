import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  feedUrlInputSchema,
  parseInput,
  WeatherInputError,
  type DailyMaxInput,
  type HourlyPrecipInput,
  type PullFaultInput,
} from './weather-inputs.js';
import type { WeatherProvider } from './weather-provider.js';

/**
 * The weather provider's pull API (what WEATHER_DATA_ORIGIN points at) and its controls under
 * /__sim/weather: set a reading (pushed to the BFF before the answer), push a whole day, list the
 * stations, point the feed elsewhere, make the pull API fail.
 */
export function registerWeatherDataRoutes(app: FastifyInstance, weather: WeatherProvider): void {
  const pull = (url: string, run: (query: Record<string, unknown>, reply: FastifyReply) => unknown) =>
    app.get(url, async (request, reply) => {
      const failure = weather.takePullFault();
      if (failure !== undefined)
        return reply.code(failure).send({ error: 'SIMULATED_FAULT', message: `simulated ${failure}` });
      return answer(reply, () => run(request.query as Record<string, unknown>, reply));
    });
  // Bodies are validated by the provider itself (the in-process API takes the same path).
  const control = (url: string, run: (body: unknown) => unknown) =>
    app.post(url, async (request, reply) =>
      answer(reply, () => run(typeof request.body === 'string' ? safeJson(request.body) : request.body)),
    );

  pull('/weather-data/v1/observations', (query) => weather.observations(String(query.date ?? '')));

  // ~110k rows for 15 years of 20 stations: built in one pass, well under a second.
  pull('/weather-data/v1/history.csv', (query, reply) => {
    const csv = weather.historyCsv(String(query.from ?? ''), String(query.to ?? ''));
    reply.header('content-type', 'text/csv; charset=utf-8');
    return csv;
  });

  app.get('/__sim/weather/stations', async () => ({ items: weather.stations() }));
  control('/__sim/weather/daily-max', (body) => weather.setDailyMax(body as DailyMaxInput));
  control('/__sim/weather/hourly-precip', (body) => weather.setHourlyPrecip(body as HourlyPrecipInput));
  control('/__sim/weather/push-day', (body) => weather.pushDay(body as { date: string }));

  /** Where the feed pushes (the BFF's /api/v1/feeds/weather); tests point it at their BFF. */
  control('/__sim/weather/feed', (body) => {
    const { url } = parseInput(feedUrlInputSchema, body);
    weather.feed.url = url ?? undefined;
    return { url: weather.feed.url ?? null };
  });
  control('/__sim/weather/pull-faults', (body) => weather.failPulls(body as PullFaultInput));
  app.delete('/__sim/weather/pull-faults', async () => {
    weather.clearPullFaults();
    return { ok: true };
  });
}

async function answer(reply: FastifyReply, run: () => unknown): Promise<FastifyReply> {
  try {
    return reply.send(await run());
  } catch (error) {
    if (error instanceof WeatherInputError)
      return reply.code(error.status).send({ error: error.code, message: error.message });
    throw error;
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
