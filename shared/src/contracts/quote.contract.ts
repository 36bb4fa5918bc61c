import { z } from 'zod';
import { productCodeSchema } from './catalog.contract.js';
import { flightNoSchema, localDateSchema } from './flight.contract.js';
import { coverSubjectSchema } from './subject.contract.js';
import { placeCodeSchema } from './weather.contract.js';

export const flightQuoteRequestSchema = z.strictObject({
  productCode: productCodeSchema,
  flightNo: flightNoSchema,
  flightDate: localDateSchema,
  /** The payout tier in fen: one of the product version's `payoutTiersFen`. */
  payoutTier: z.number().int().positive(),
});
export type FlightQuoteRequest = z.infer<typeof flightQuoteRequestSchema>;

/** HEAT37: a city, 1-10 units and the season (its year; the version's season dates apply). */
export const heatQuoteRequestSchema = z.strictObject({
  productCode: productCodeSchema,
  cityCode: placeCodeSchema,
  units: z.number().int(),
  seasonYear: z.number().int().min(2000).max(2100),
});
export type HeatQuoteRequest = z.infer<typeof heatQuoteRequestSchema>;

/** RAIN: a scenic spot, the visit date and the number of persons. */
export const rainQuoteRequestSchema = z.strictObject({
  productCode: productCodeSchema,
  spotCode: placeCodeSchema,
  visitDate: localDateSchema,
  persons: z.number().int(),
});
export type RainQuoteRequest = z.infer<typeof rainQuoteRequestSchema>;

export const createQuoteRequestSchema = z.union([
  flightQuoteRequestSchema,
  heatQuoteRequestSchema,
  rainQuoteRequestSchema,
]);
export type CreateQuoteRequest = z.infer<typeof createQuoteRequestSchema>;

export const quoteSchema = z.object({
  id: z.uuid(),
  productCode: z.string(),
  productName: z.string(),
  productVersionId: z.uuid(),
  productVersion: z.number().int(),
  /** What is covered: the flight, the heat season's city or the rain day's spot, tagged by `kind`. */
  subject: coverSubjectSchema,
  premiumFen: z.number().int().positive(),
  payoutFen: z.number().int().positive(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Quote = z.infer<typeof quoteSchema>;
