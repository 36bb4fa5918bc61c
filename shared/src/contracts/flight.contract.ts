import { z } from 'zod';

/** `MU5101`, `CA1831`, `3U8881`, `HO1253`: two-character airline code, 1-4 digits, optional suffix. */
export const flightNoSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\d{1,4}[A-Z]?$/, '航班号格式不正确，例如 MU5101');

export const localDateSchema = z.iso.date();

export const flightStatusSchema = z.enum(['scheduled', 'delayed', 'departed', 'arrived', 'cancelled', 'diverted']);
export type FlightStatus = z.infer<typeof flightStatusSchema>;

export const airportSchema = z.object({
  code: z.string().length(3),
  name: z.string(),
  city: z.string(),
});
export type Airport = z.infer<typeof airportSchema>;

export const flightSchema = z.object({
  flightNo: z.string(),
  flightDate: localDateSchema,
  carrierCode: z.string(),
  carrierName: z.string(),
  origin: airportSchema,
  destination: airportSchema,
  scheduledDeparture: z.iso.datetime({ offset: true }),
  scheduledArrival: z.iso.datetime({ offset: true }),
  status: flightStatusSchema,
  estimatedDeparture: z.iso.datetime({ offset: true }).nullable(),
  actualDeparture: z.iso.datetime({ offset: true }).nullable(),
  actualArrival: z.iso.datetime({ offset: true }).nullable(),
});
export type Flight = z.infer<typeof flightSchema>;

export const flightQuerySchema = z.object({
  date: localDateSchema,
  /** Omitted: the day's schedule (for the flight picker). */
  flightNo: flightNoSchema.optional(),
  /** Whose sale window the list is judged by (FD120 when omitted). */
  productCode: z.string().trim().max(16).optional(),
});
export type FlightQuery = z.infer<typeof flightQuerySchema>;

/** Why a listed flight cannot be bought now (departed, landed, within 2 h of departure…): its error code and the words for it. */
export const flightSaleStopSchema = z.object({ code: z.string(), reason: z.string() });
export type FlightSaleStopInfo = z.infer<typeof flightSaleStopSchema>;

/** A flight in the picker: null `saleStop` means it can be quoted. */
export const flightOptionSchema = flightSchema.extend({ saleStop: flightSaleStopSchema.nullable().default(null) });
export type FlightOption = z.infer<typeof flightOptionSchema>;

export const flightListResponseSchema = z.object({ items: z.array(flightOptionSchema) });
export type FlightListResponse = z.infer<typeof flightListResponseSchema>;
