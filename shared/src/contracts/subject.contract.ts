import { z } from 'zod';
import { flightSchema } from './flight.contract.js';
import { heatSubjectSchema, rainSubjectSchema } from './weather.contract.js';

/** Flight delay: the insured flight and the arrival delay that pays (cancellation and diversion pay too). */
export const flightSubjectSchema = z.object({
  kind: z.literal('flight'),
  flight: flightSchema,
  delayThresholdMinutes: z.number().int().positive(),
});
export type FlightSubject = z.infer<typeof flightSubjectSchema>;

/**
 * What a quote or policy covers, one shape per product kind. Clients switch on `kind` (and check
 * that every kind is handled) instead of testing which of several nullable fields is set.
 */
export const coverSubjectSchema = z.discriminatedUnion('kind', [
  flightSubjectSchema,
  heatSubjectSchema,
  rainSubjectSchema,
]);
export type CoverSubject = z.infer<typeof coverSubjectSchema>;
export type CoverSubjectKind = CoverSubject['kind'];

/** The `default` of a switch over every `kind` of a tagged union: it does not compile while a kind is unhandled. */
export const unhandledKind = (value: never): never => {
  throw new Error(`unhandled kind: ${String((value as { kind?: unknown }).kind)}`);
};
