import { z } from 'zod';
import { claimDetailSchema, claimStatusSchema } from './claim.contract.js';

/** architecture.md: staff sessions with roles (a member may hold several). Support agents decide claims; admins may do anything. */
export const staffRoleSchema = z.enum(['marketing', 'support', 'admin']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** `POST /api/v1/staff/auth/login`. */
export const staffLoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type StaffLoginRequest = z.infer<typeof staffLoginRequestSchema>;

export const staffLoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  roles: z.array(staffRoleSchema),
  displayName: z.string(),
  /** A one-time password was used: the console asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
});
export type StaffLoginResponse = z.infer<typeof staffLoginResponseSchema>;

/** `GET /api/v1/staff/claims?status=manual_review` (the default: the manual-review queue). */
export const staffClaimListQuerySchema = z.object({
  status: claimStatusSchema.default('manual_review'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type StaffClaimListQuery = z.infer<typeof staffClaimListQuerySchema>;

/** What a claim is about, as one labelled row: 航班 "MU5101 2026-12-10", 城市 "武汉 2027 高温季", 景区 "黄山 2027-07-01". */
export const staffClaimSubjectSchema = z.object({ label: z.string(), value: z.string() });
export type StaffClaimSubject = z.infer<typeof staffClaimSubjectSchema>;

/** A claim as customer service sees it: the customer's view plus what it covers and who decided. */
export const staffClaimSchema = claimDetailSchema.extend({
  subject: staffClaimSubjectSchema,
  insuredNameMasked: z.string(),
  decidedBy: z.string().nullable(),
});
export type StaffClaim = z.infer<typeof staffClaimSchema>;

export const staffClaimListResponseSchema = z.object({ items: z.array(staffClaimSchema) });
export type StaffClaimListResponse = z.infer<typeof staffClaimListResponseSchema>;

/** `POST /api/v1/staff/claims/{id}/decision`: approve pays the policy's fixed amount; reject needs a reason. */
export const staffClaimDecisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(2).max(200),
});
export type StaffClaimDecision = z.infer<typeof staffClaimDecisionSchema>;

/** A weather reading corrected after its day or hour was settled: kept, never clawed back, reviewed. */
export const weatherReviewFlagSchema = z.object({
  id: z.string(),
  placeCode: z.string(),
  placeName: z.string(),
  kind: z.enum(['daily_max', 'hourly_precip']),
  readingDate: z.string(),
  /** °C for a daily maximum, mm for rain (the window total for RAIN). */
  settledValue: z.number(),
  correctedValue: z.number(),
  note: z.string(),
  /** Policies of that place whose cover includes the day: who the settled value paid, or did not. */
  policiesAffected: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  resolution: z.string().nullable(),
});
export type WeatherReviewFlag = z.infer<typeof weatherReviewFlagSchema>;

/** `GET /api/v1/staff/weather-flags?open=true`. */
export const weatherReviewFlagListQuerySchema = z.object({
  open: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const weatherReviewFlagListResponseSchema = z.object({ items: z.array(weatherReviewFlagSchema) });
export type WeatherReviewFlagListResponse = z.infer<typeof weatherReviewFlagListResponseSchema>;

/** `POST /api/v1/staff/weather-flags/{id}/resolve`: what was checked and decided (e.g. a goodwill payment elsewhere). */
export const weatherReviewFlagResolveSchema = z.object({ resolution: z.string().trim().min(2).max(500) });

/** What a payment WeChat confirmed disagreed with its order on. */
export const paymentMismatchProblemSchema = z.enum(['amount', 'currency', 'payer', 'appid', 'mchid']);
export type PaymentMismatchProblem = z.infer<typeof paymentMismatchProblemSchema>;

/**
 * A payment that did not match its order (support's money desk): kept as evidence, the order marked
 * `payment_mismatch`, and what was paid refunded to the payer.
 */
export const staffPaymentMismatchSchema = z.object({
  orderId: z.uuid(),
  orderNo: z.string(),
  productName: z.string(),
  /** How it was learned: WeChat's notification, or the reconciliation query. */
  source: z.enum(['notification', 'query']),
  problems: z.array(paymentMismatchProblemSchema),
  /** The order's premium. */
  expectedFen: z.number().int(),
  /** What WeChat reports as paid (null when the transaction carried no amount). */
  paidFen: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** False when the payer is missing or is not the customer who ordered. */
  payerMatches: z.boolean(),
  transactionId: z.string().nullable(),
  notificationId: z.string().nullable(),
  detectedAt: z.iso.datetime({ offset: true }),
  refund: z
    .object({
      refundNo: z.string(),
      amountFen: z.number().int(),
      status: z.enum(['pending', 'processing', 'succeeded', 'closed', 'abnormal']),
      reason: z.string(),
    })
    .nullable(),
});
export type StaffPaymentMismatch = z.infer<typeof staffPaymentMismatchSchema>;

export const staffPaymentMismatchListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const staffPaymentMismatchListResponseSchema = z.object({ items: z.array(staffPaymentMismatchSchema) });
export type StaffPaymentMismatchListResponse = z.infer<typeof staffPaymentMismatchListResponseSchema>;

/**
 * A transfer bill that WeChat did not create as asked: still `CREATING` after an error, or abandoned
 * (WeChat refused it and holds no such bill; the customer collects again under a new number).
 */
export const staffPayoutProblemSchema = z.object({
  outBillNo: z.string(),
  claimId: z.uuid(),
  claimNo: z.string(),
  attempt: z.number().int().positive(),
  amountFen: z.number().int(),
  state: z.enum(['CREATING', 'ABANDONED']),
  /** WeChat's error code of the last creation call, e.g. PARAM_ERROR. */
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  /** False: retrying the same request cannot help (the request or configuration must change). */
  retryable: z.boolean().nullable(),
  createCalls: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type StaffPayoutProblem = z.infer<typeof staffPayoutProblemSchema>;

export const staffPayoutProblemListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const staffPayoutProblemListResponseSchema = z.object({ items: z.array(staffPayoutProblemSchema) });
export type StaffPayoutProblemListResponse = z.infer<typeof staffPayoutProblemListResponseSchema>;
/** `GET /api/v1/staff/pricing/loss-ratios?windowDays=30`: the running loss ratio of each flight-delay version. */
export const staffLossRatioQuerySchema = z.object({
  windowDays: z.coerce.number().int().min(1).max(366).optional(),
});
export type StaffLossRatioQuery = z.infer<typeof staffLossRatioQuerySchema>;

export const staffVersionSaleStopSchema = z.object({
  reason: z.string(),
  lossRatio: z.number(),
  premiumFen: z.number().int(),
  claimsFen: z.number().int(),
  stoppedAt: z.iso.datetime({ offset: true }),
});

export const staffVersionLossRatioSchema = z.object({
  productCode: z.string(),
  productVersionId: z.string(),
  version: z.number().int(),
  windowDays: z.number().int(),
  /** Premium of policies whose cover started in the window (not cancelled). */
  premiumFen: z.number().int(),
  /** Approved claims (approved, offered, paid or payout failed) on those policies. */
  claimsFen: z.number().int(),
  /** claims ÷ premium; null while no premium is earned. */
  lossRatio: z.number().nullable(),
  /** The version's configured guard (`lossRatioGuard` in its terms), if any. */
  maxLossRatio: z.number().nullable(),
  saleStop: staffVersionSaleStopSchema.nullable(),
});
export type StaffVersionLossRatio = z.infer<typeof staffVersionLossRatioSchema>;
export const staffLossRatioListResponseSchema = z.object({ items: z.array(staffVersionLossRatioSchema) });
export type StaffLossRatioListResponse = z.infer<typeof staffLossRatioListResponseSchema>;

/** `POST /api/v1/staff/pricing/route-stop-sales`: stop selling a route ahead of adverse weather. */
export const staffRouteStopSaleRequestSchema = z.object({
  origin: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, '机场三字码'),
  destination: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, '机场三字码'),
  reason: z.string().trim().min(2).max(200),
});
export type StaffRouteStopSaleRequest = z.infer<typeof staffRouteStopSaleRequestSchema>;

export const staffRouteStopSaleSchema = z.object({
  id: z.string(),
  origin: z.string(),
  destination: z.string(),
  reason: z.string(),
  setBy: z.string(),
  setAt: z.iso.datetime({ offset: true }),
});
export type StaffRouteStopSale = z.infer<typeof staffRouteStopSaleSchema>;
export const staffRouteStopSaleListResponseSchema = z.object({ items: z.array(staffRouteStopSaleSchema) });
export type StaffRouteStopSaleListResponse = z.infer<typeof staffRouteStopSaleListResponseSchema>;
