import { z } from 'zod';
import { flightNoSchema, localDateSchema } from './flight.contract.js';

/** products.md "Claims and payouts": the life of a claim. */
export const claimStatusSchema = z.enum([
  'approved',
  'offered',
  'paid',
  'failed',
  'expired',
  'manual_review',
  'rejected',
]);
export type ClaimStatus = z.infer<typeof claimStatusSchema>;

/** One step of the evidence timeline, e.g. "计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120". */
export const claimTimelineEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  title: z.string(),
  detail: z.string().optional(),
});
export type ClaimTimelineEntry = z.infer<typeof claimTimelineEntrySchema>;

/** The objective facts a flight-delay claim was decided on, and the rule applied. */
export const flightClaimEvidenceSchema = z.object({
  kind: z.literal('flight'),
  flightNo: z.string(),
  flightDate: localDateSchema,
  /** `implausible_arrival`: the provider reported an arrival we could not believe (in the future, or before departure); held for review. */
  outcome: z.enum(['arrived', 'cancelled', 'diverted', 'no_final_status', 'implausible_arrival']),
  scheduledArrival: z.iso.datetime({ offset: true }),
  actualArrival: z.iso.datetime({ offset: true }).nullable(),
  delayMinutes: z.number().int().nullable(),
  thresholdMinutes: z.number().int(),
  /** e.g. "FD120 v1". */
  rule: z.string(),
  providerEventIds: z.array(z.string()),
});
export type FlightClaimEvidence = z.infer<typeof flightClaimEvidenceSchema>;

/** One hot day counted by a HEAT37 claim: the settled reading and what it added. */
export const heatClaimDaySchema = z.object({
  date: localDateSchema,
  tmaxCelsius: z.number(),
  /** 1 for the first hot day inside the cover, 2 for the second… */
  hotDayNo: z.number().int().positive(),
  amountFen: z.number().int().nonnegative(),
});
export type HeatClaimDay = z.infer<typeof heatClaimDaySchema>;

/** The facts a HEAT37 claim accumulates on: the city's settled daily maxima and the option's terms. */
export const heatClaimEvidenceSchema = z.object({
  kind: z.literal('heat'),
  cityCode: z.string(),
  cityName: z.string(),
  stationId: z.string(),
  seasonYear: z.number().int(),
  coverStartDate: localDateSchema,
  coverEndDate: localDateSchema,
  units: z.number().int().positive(),
  thresholdCelsius: z.number(),
  deductibleDays: z.number().int().nonnegative(),
  tickPerUnitFen: z.number().int(),
  capPerUnitFen: z.number().int(),
  /** Hot days counted inside the cover, in date order. */
  hotDays: z.array(heatClaimDaySchema),
  /** Every settled daily maximum of the season so far, for the chart (°C). */
  dailyMaxima: z.array(z.object({ date: localDateSchema, tmaxCelsius: z.number(), covered: z.boolean() })),
  /** Days whose reading was corrected after settlement (kept, never clawed back; under review). */
  flaggedDates: z.array(localDateSchema),
  rule: z.string(),
});
export type HeatClaimEvidence = z.infer<typeof heatClaimEvidenceSchema>;

/** The facts a RAIN claim was decided on: the spot's hourly precipitation in the visiting window. */
export const rainClaimEvidenceSchema = z.object({
  kind: z.literal('rain'),
  spotCode: z.string(),
  spotName: z.string(),
  stationId: z.string(),
  visitDate: localDateSchema,
  persons: z.number().int().positive(),
  thresholdMm: z.number(),
  windowStart: z.string(),
  windowEnd: z.string(),
  windowTotalMm: z.number(),
  hours: z.array(z.object({ hourStart: z.iso.datetime({ offset: true }), precipitationMm: z.number() })),
  rule: z.string(),
  providerEventIds: z.array(z.string()),
});
export type RainClaimEvidence = z.infer<typeof rainClaimEvidenceSchema>;

export const claimEvidenceSchema = z.discriminatedUnion('kind', [
  flightClaimEvidenceSchema,
  heatClaimEvidenceSchema,
  rainClaimEvidenceSchema,
]);
export type ClaimEvidence = z.infer<typeof claimEvidenceSchema>;

export const claimSummarySchema = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  status: claimStatusSchema,
  policyNo: z.string(),
  productName: z.string(),
  /** Everything the claim has earned so far (a HEAT37 claim grows day by day). */
  amountFen: z.number().int().nonnegative(),
  /** Already transferred to the customer. */
  paidFen: z.number().int().nonnegative(),
  /** What the red packet would pay now: earned, not yet paid nor on its way. */
  collectableFen: z.number().int().nonnegative(),
  /** One line for the list, e.g. "MU5101 晚到 146 分钟". */
  headline: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  paidAt: z.iso.datetime({ offset: true }).nullable(),
  /** True when the red packet can be opened now (approved, or re-offer after fail/expiry). */
  collectable: z.boolean(),
});
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

export const claimDetailSchema = claimSummarySchema.extend({
  evidence: claimEvidenceSchema,
  timeline: z.array(claimTimelineEntrySchema),
  rejectedReason: z.string().nullable(),
});
export type ClaimDetail = z.infer<typeof claimDetailSchema>;

export const claimListResponseSchema = z.object({ items: z.array(claimSummarySchema) });
export type ClaimListResponse = z.infer<typeof claimListResponseSchema>;

/** `POST /api/v1/claims/{id}/collect`: the arguments of wx.requestMerchantTransfer. */
export const collectClaimResponseSchema = z.object({
  mchId: z.string(),
  appId: z.string(),
  /** The transfer bill's package_info. */
  package: z.string(),
  openId: z.string(),
});
export type CollectClaimResponse = z.infer<typeof collectClaimResponseSchema>;

/** `POST /api/v1/feeds/flight-status`: one signed event from the flight-status provider. */
export const flightStatusEventSchema = z.object({
  eventId: z.string().min(1).max(64),
  flightNo: flightNoSchema,
  flightDate: localDateSchema,
  status: z.enum(['scheduled', 'delayed', 'departed', 'arrived', 'cancelled', 'diverted']),
  /** The provider's revision of this flight: events are applied only forward. */
  revision: z.number().int().nonnegative(),
  scheduledDeparture: z.iso.datetime({ offset: true }).optional(),
  scheduledArrival: z.iso.datetime({ offset: true }).optional(),
  estimatedDeparture: z.iso.datetime({ offset: true }).nullable().optional(),
  actualDeparture: z.iso.datetime({ offset: true }).nullable().optional(),
  actualArrival: z.iso.datetime({ offset: true }).nullable().optional(),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type FlightStatusEvent = z.infer<typeof flightStatusEventSchema>;
