import {
  flightQuoteRequestSchema,
  heatQuoteRequestSchema,
  rainQuoteRequestSchema,
  type FlightQuoteRequest,
  type HeatQuoteRequest,
  type RainQuoteRequest,
} from '@xiaoan/shared';
import { parseWith } from '../../core/validation/parse-with.js';

export type ParsedQuoteRequest =
  | { kind: 'flight'; request: FlightQuoteRequest }
  | { kind: 'heat'; request: HeatQuoteRequest }
  | { kind: 'rain'; request: RainQuoteRequest };

/**
 * The quote body is one of three shapes, told apart by what it names (a flight, a city, a spot),
 * so that a mistake is reported against the right fields rather than as "matches no shape".
 */
export const parseQuoteRequest = (body: unknown): ParsedQuoteRequest => {
  const named = (key: string) => typeof body === 'object' && body !== null && key in body;
  if (named('cityCode')) return { kind: 'heat', request: parseWith(heatQuoteRequestSchema, body) };
  if (named('spotCode')) return { kind: 'rain', request: parseWith(rainQuoteRequestSchema, body) };
  return { kind: 'flight', request: parseWith(flightQuoteRequestSchema, body) };
};
