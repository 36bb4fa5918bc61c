import { z } from 'zod';
import { flightSchema } from './flight.contract.js';
import { weatherSubjectSchema } from './weather.contract.js';

export const policyStatusSchema = z.enum(['active', 'claimed', 'expired', 'cancelled']);
export type PolicyStatus = z.infer<typeof policyStatusSchema>;

export const policySummarySchema = z.object({
  policyNo: z.string(),
  status: policyStatusSchema,
  productCode: z.string(),
  productName: z.string(),
  insuredNameMasked: z.string(),
  premiumFen: z.number().int(),
  payoutFen: z.number().int(),
  coverStart: z.iso.datetime({ offset: true }),
  coverEnd: z.iso.datetime({ offset: true }),
  issuedAt: z.iso.datetime({ offset: true }),
  flight: flightSchema.nullable(),
  weather: weatherSubjectSchema.nullable(),
});
export type PolicySummary = z.infer<typeof policySummarySchema>;

export const policyDetailSchema = policySummarySchema.extend({
  insuredIdMasked: z.string(),
  insuredPhoneMasked: z.string(),
  insurerName: z.string(),
  filingNo: z.string(),
  productVersion: z.number().int(),
  delayThresholdMinutes: z.number().int().nullable(),
  orderNo: z.string(),
});
export type PolicyDetail = z.infer<typeof policyDetailSchema>;

export const policyListResponseSchema = z.object({ items: z.array(policySummarySchema) });
export type PolicyListResponse = z.infer<typeof policyListResponseSchema>;

export const verifyPolicyQuerySchema = z.object({
  policyNo: z.string().trim().min(6).max(32),
  insuredName: z.string().trim().min(1).max(30),
});

/** 保单验真: facts anyone holding the policy number and the insured's name may see, masked. */
export const policyVerificationSchema = z.object({
  policyNo: z.string(),
  productName: z.string(),
  insurerName: z.string(),
  filingNo: z.string(),
  insuredNameMasked: z.string(),
  status: policyStatusSchema,
  coverStart: z.iso.datetime({ offset: true }),
  coverEnd: z.iso.datetime({ offset: true }),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type PolicyVerification = z.infer<typeof policyVerificationSchema>;
