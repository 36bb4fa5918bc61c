import { z } from 'zod';
import { flightNoSchema, localDateSchema } from './flight.contract.js';

/** products.md "Claims and payouts": the life of a claim. */
export const claimStatusSchema = z.enum(['approved', 'offered', 'paid', 'failed', 'expired', 'manual_review', 'rejected']);
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
  outcome: z.enum(['arrived', 'cancelled', 'diverted', 'no_final_status']),
  scheduledArrival: z.iso.datetime({ offset: true }),
  actualArrival: z.iso.datetime({ offset: true }).nullable(),
  delayMinutes: z.number().int().nullable(),
  thresholdMinutes: z.number().int(),
  /** e.g. "FD120 v1". */
  rule: z.string(),
  providerEventIds: z.array(z.string()),
});
export type FlightClaimEvidence = z.infer<typeof flightClaimEvidenceSchema>;

export const claimSummarySchema = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  status: claimStatusSchema,
  policyNo: z.string(),
  productName: z.string(),
  amountFen: z.number().int().nonnegative(),
  /** One line for the list, e.g. "MU5101 晚到 146 分钟". */
  headline: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  paidAt: z.iso.datetime({ offset: true }).nullable(),
  /** True when the red packet can be opened now (approved, or re-offer after fail/expiry). */
  collectable: z.boolean(),
});
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

export const claimDetailSchema = claimSummarySchema.extend({
  evidence: flightClaimEvidenceSchema,
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
