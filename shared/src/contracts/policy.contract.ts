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

/**
 * The e-policy (电子保单): a PDF of the contract as issued, with a QR code to 保单验真. Owner only,
 * with the customer's bearer token; answers `application/pdf`, or the JSON error envelope.
 */
export const policyDocumentPath = (policyNo: string): string => `/api/v1/policies/${encodeURIComponent(policyNo)}/document`;

/** The mini-program's 保单验真 page (also served by the H5 build, under its hash router). */
export const POLICY_VERIFY_PAGE = '/packages/policy/verify/index';

/** The public address of 保单验真 for a policy, as printed in its e-policy's QR code. */
export const policyVerifyWebUrl = (publicBaseUrl: string, policyNo: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/#${POLICY_VERIFY_PAGE}?policyNo=${encodeURIComponent(policyNo)}`;
