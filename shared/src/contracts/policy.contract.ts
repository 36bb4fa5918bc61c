import { ID_TYPES, INSURED_RELATIONSHIPS } from '../rules/travel-document.js';
import { z } from 'zod';
import { coverSubjectSchema } from './subject.contract.js';

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
  /** What is covered, tagged by `kind` (the flight delay's threshold is in its flight subject). */
  subject: coverSubjectSchema,
});
export type PolicySummary = z.infer<typeof policySummarySchema>;

/** A refund of the premium, as WeChat Pay reports it. */
export const refundStatusSchema = z.enum(['pending', 'processing', 'succeeded', 'closed', 'abnormal']);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

export const premiumRefundSchema = z.object({
  status: refundStatusSchema,
  amountFen: z.number().int().positive(),
  /** Why, in the customer's words. */
  reason: z.string(),
  requestedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PremiumRefund = z.infer<typeof premiumRefundSchema>;

/** Self-service cancellation before cover starts (compliance.md row 7): whether it is open now, and what it refunds. */
export const policyCancellationSchema = z.object({
  available: z.boolean(),
  /** Until when it can be done (cover start), when it is available. */
  deadline: z.iso.datetime({ offset: true }).nullable(),
  /** The full premium. */
  refundFen: z.number().int(),
  /** Why not, in the customer's words, when the policy is in force but can no longer be cancelled. */
  unavailableReason: z.string().nullable(),
});
export type PolicyCancellation = z.infer<typeof policyCancellationSchema>;

export const cancelPolicyRequestSchema = z.object({
  /** The customer's own words, optional. */
  reason: z.string().trim().max(100).optional(),
});
export type CancelPolicyRequest = z.input<typeof cancelPolicyRequestSchema>;

export const policyDetailSchema = policySummarySchema.extend({
  insuredIdMasked: z.string(),
  insuredPhoneMasked: z.string(),
  insurerName: z.string(),
  filingNo: z.string(),
  productVersion: z.number().int(),
  orderNo: z.string(),
  cancellation: policyCancellationSchema,
  cancelledAt: z.iso.datetime({ offset: true }).nullable(),
  /** The premium's refund, once there is one (a cancelled policy's). */
  refund: premiumRefundSchema.nullable(),
  /** Who is insured, masked: one person, or each of RAIN's N persons, with their document type and who they are to the buyer. */
  insuredPersons: z
    .array(
      z.object({
        nameMasked: z.string(),
        idType: z.enum(ID_TYPES),
        idMasked: z.string(),
        relationship: z.enum(INSURED_RELATIONSHIPS),
      }),
    )
    .optional(),
  /** The insurer's customer-service hotline (stated on the e-policy). */
  insurerHotline: z.string().nullable().optional(),
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
export const policyDocumentPath = (policyNo: string): string =>
  `/api/v1/policies/${encodeURIComponent(policyNo)}/document`;

/** The mini-program's 保单验真 page (also served by the H5 build, under its hash router). */
export const POLICY_VERIFY_PAGE = '/packages/policy/verify/index';

/** The public address of 保单验真 for a policy, as printed in its e-policy's QR code. */
/** 退保: POST, owner only; answers the policy's detail (again, unchanged, when it was already cancelled). */
export const cancelPolicyPath = (policyNo: string): string => `/api/v1/policies/${encodeURIComponent(policyNo)}/cancel`;

export const policyVerifyWebUrl = (publicBaseUrl: string, policyNo: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/#${POLICY_VERIFY_PAGE}?policyNo=${encodeURIComponent(policyNo)}`;
