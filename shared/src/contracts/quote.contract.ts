import { z } from 'zod';
import { productCodeSchema } from './catalog.contract.js';
import { flightNoSchema, flightSchema, localDateSchema } from './flight.contract.js';

export const createQuoteRequestSchema = z.object({
  productCode: productCodeSchema,
  flightNo: flightNoSchema,
  flightDate: localDateSchema,
  /** The payout tier in fen: one of the product version's `payoutTiersFen`. */
  payoutTier: z.number().int().positive(),
});
export type CreateQuoteRequest = z.infer<typeof createQuoteRequestSchema>;

export const quoteSchema = z.object({
  id: z.uuid(),
  productCode: z.string(),
  productName: z.string(),
  productVersionId: z.uuid(),
  productVersion: z.number().int(),
  flight: flightSchema,
  premiumFen: z.number().int().positive(),
  payoutFen: z.number().int().positive(),
  delayThresholdMinutes: z.number().int(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Quote = z.infer<typeof quoteSchema>;
