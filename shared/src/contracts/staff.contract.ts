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

/** A claim as customer service sees it: the customer's view plus the flight and who decided. */
export const staffClaimSchema = claimDetailSchema.extend({
  flightNo: z.string().nullable(),
  flightDate: z.string().nullable(),
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
  open: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const weatherReviewFlagListResponseSchema = z.object({ items: z.array(weatherReviewFlagSchema) });
export type WeatherReviewFlagListResponse = z.infer<typeof weatherReviewFlagListResponseSchema>;

/** `POST /api/v1/staff/weather-flags/{id}/resolve`: what was checked and decided (e.g. a goodwill payment elsewhere). */
export const weatherReviewFlagResolveSchema = z.object({ resolution: z.string().trim().min(2).max(500) });
