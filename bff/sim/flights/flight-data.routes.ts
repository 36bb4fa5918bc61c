import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FlightBoard, FlightRecord } from './flight-board.js';
import type { FeedDelivery, FlightFeedPusher } from './flight-feed-pusher.js';

const date = z.iso.date();
const flightNo = z.string().regex(/^[A-Z0-9]{3,8}$/);

/**
 * The flight-status provider's pull API (what FLIGHT_DATA_ORIGIN points at), plus the dev endpoint
 * that makes a flight delayed, departed, landed, cancelled or diverted.
 */
export function registerFlightDataRoutes(app: FastifyInstance, board: FlightBoard, feed?: FlightFeedPusher): void {
  // A dev change is pushed to the subscriber's webhook before the dev endpoint answers, so the
  // H5 build (or a browser test) sees the claims right after "make the flight land late".
  const pushed = async (
    flight: FlightRecord,
  ): Promise<{ flight: FlightRecord; feedDelivery: FeedDelivery | null }> => ({
    flight,
    feedDelivery: (await feed?.push(flight)) ?? null,
  });

  app.get('/flight-data/v1/flights', async (request, reply) => {
    const query = z.object({ date, flightNo: flightNo.optional() }).safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'INVALID_QUERY', message: query.error.message });
    const items = query.data.flightNo
      ? [board.find(query.data.flightNo, query.data.date)].filter((flight) => flight !== undefined)
      : board.list(query.data.date);
    return { items };
  });

  app.get('/flight-data/v1/flights/:flightNo/:date', async (request, reply) => {
    const params = z.object({ date, flightNo }).safeParse(request.params);
    if (!params.success) return reply.code(400).send({ error: 'INVALID_PARAMS', message: params.error.message });
    const flight = board.find(params.data.flightNo, params.data.date);
    if (!flight) return reply.code(404).send({ error: 'FLIGHT_NOT_FOUND', message: 'no such flight on that date' });
    return flight;
  });

  app.post('/__sim/flights/:flightNo/:date/events', async (request, reply) => {
    const params = z.object({ date, flightNo }).safeParse(request.params);
    const rawBody = typeof request.body === 'string' ? safeJson(request.body) : request.body;
    const body = z
      .object({
        status: z.enum(['delayed', 'departed', 'arrived', 'cancelled', 'diverted']),
        estimatedDeparture: z.iso.datetime().optional(),
        actualDeparture: z.iso.datetime().optional(),
        actualArrival: z.iso.datetime().optional(),
      })
      .safeParse(rawBody);
    if (!params.success || !body.success) return reply.code(400).send({ error: 'INVALID_REQUEST' });
    const flight = board.apply(params.data.flightNo, params.data.date, body.data, new Date(), { silent: true });
    if (!flight) return reply.code(404).send({ error: 'FLIGHT_NOT_FOUND' });
    return pushed(flight);
  });

  /** H5 dev: "make this flight land late" by `delayMinutes` (e.g. 146), or cancel / divert it. */
  app.post('/__sim/flights/:flightNo/:date/land-late', async (request, reply) => {
    const params = z.object({ date, flightNo }).safeParse(request.params);
    const rawBody = typeof request.body === 'string' ? safeJson(request.body) : request.body;
    const body = z.object({ delayMinutes: z.coerce.number().int().min(0).max(2880) }).safeParse(rawBody ?? {});
    if (!params.success || !body.success) return reply.code(400).send({ error: 'INVALID_REQUEST' });
    const flight = board.landLate(params.data.flightNo, params.data.date, body.data.delayMinutes, new Date(), {
      silent: true,
    });
    if (!flight) return reply.code(404).send({ error: 'FLIGHT_NOT_FOUND' });
    return pushed(flight);
  });

  /** Where the feed pushes (the BFF's /api/v1/feeds/flight-status); tests point it at their BFF. */
  app.post('/__sim/flight-feed', async (request, reply) => {
    const rawBody = typeof request.body === 'string' ? safeJson(request.body) : request.body;
    const body = z.object({ url: z.url().nullable() }).safeParse(rawBody);
    if (!body.success || !feed) return reply.code(400).send({ error: 'INVALID_REQUEST' });
    feed.url = body.data.url ?? undefined;
    return { url: feed.url ?? null };
  });
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
