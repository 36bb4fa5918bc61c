import { z } from 'zod';
import { clauseSchema, productTermsSchema } from './catalog.contract.js';
import { claimDetailSchema } from './claim.contract.js';
import { flightNoSchema, localDateSchema } from './flight.contract.js';
import { orderStatusSchema, salesTrailEventSchema } from './order.contract.js';
import { policyStatusSchema } from './policy.contract.js';

/**
 * Customer service's desk in the staff console (issue 10): find a customer, read their whole story
 * (masked), replay a sale (可回溯), and act with a stated reason. Every read of personal data and
 * every action is audited.
 */

const businessNo = (kind: 'P' | 'O' | 'C') =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${kind}[0-9A-Za-z]{6,24}$`), `${{ P: '保单号', O: '订单号', C: '理赔号' }[kind]}格式不正确`);

/**
 * `GET /api/v1/staff/support/customers?…`: exactly one way of finding a customer — a policy, order
 * or claim number, a phone number (looked up by its blind index, never scanned), or the insured's
 * masked name (as shown, e.g. 张*丰) with a flight number and date.
 */
export const customerSearchQuerySchema = z
  .object({
    policyNo: businessNo('P').optional(),
    orderNo: businessNo('O').optional(),
    claimNo: businessNo('C').optional(),
    phone: z
      .string()
      .trim()
      .regex(/^(?:\+?86)?[\d\s-]{11,16}$/, '请输入11位手机号')
      .optional(),
    nameMasked: z.string().trim().min(1).max(32).optional(),
    flightNo: flightNoSchema.optional(),
    flightDate: localDateSchema.optional(),
  })
  .superRefine((query, context) => {
    const ways = [query.policyNo, query.orderNo, query.claimNo, query.phone, query.nameMasked].filter(
      (value) => value !== undefined,
    );
    if (ways.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: '请只用一种方式查找：保单号、订单号、理赔号、手机号，或姓名加航班',
      });
      return;
    }
    if (query.nameMasked !== undefined && (!query.flightNo || !query.flightDate)) {
      context.addIssue({ code: 'custom', path: ['flightNo'], message: '按姓名查找时需同时填写航班号和航班日期' });
    }
  });
export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;
export type CustomerSearchBy = 'policyNo' | 'orderNo' | 'claimNo' | 'phone' | 'nameAndFlight';

export const customerSearchHitSchema = z.object({
  customerId: z.uuid(),
  insuredNameMasked: z.string(),
  insuredPhoneMasked: z.string(),
  orderNo: z.string(),
  policyNo: z.string().nullable(),
  productName: z.string(),
  /** e.g. "MU5101 2026-12-09" or "上海 2027 高温季". */
  subject: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type CustomerSearchHit = z.infer<typeof customerSearchHitSchema>;

export const customerSearchResponseSchema = z.object({
  by: z.enum(['policyNo', 'orderNo', 'claimNo', 'phone', 'nameAndFlight']),
  items: z.array(customerSearchHitSchema),
});
export type CustomerSearchResponse = z.infer<typeof customerSearchResponseSchema>;

export const supportRefundSchema = z.object({
  refundNo: z.string(),
  status: z.enum(['pending', 'processing', 'succeeded', 'closed', 'abnormal']),
  amountFen: z.number().int(),
  reason: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SupportRefund = z.infer<typeof supportRefundSchema>;

export const supportTrailEventSchema = salesTrailEventSchema.extend({
  durationMs: z.number().int().nullable(),
  detail: z.string().nullable(),
});

export const supportOrderSchema = z.object({
  orderNo: z.string(),
  status: orderStatusSchema,
  amountFen: z.number().int(),
  productCode: z.string(),
  productName: z.string(),
  subject: z.string(),
  insuredNameMasked: z.string(),
  insuredIdMasked: z.string(),
  insuredPhoneMasked: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  paidAt: z.iso.datetime({ offset: true }).nullable(),
  policyNo: z.string().nullable(),
  refundReason: z.string().nullable(),
  refund: supportRefundSchema.nullable(),
  /** The buyer's trail through the sales pages (可回溯), in time order. */
  salesTrail: z.array(supportTrailEventSchema),
});
export type SupportOrder = z.infer<typeof supportOrderSchema>;

export const supportPolicySchema = z.object({
  policyNo: z.string(),
  orderNo: z.string(),
  status: policyStatusSchema,
  productCode: z.string(),
  productName: z.string(),
  productVersion: z.number().int(),
  subject: z.string(),
  premiumFen: z.number().int(),
  payoutFen: z.number().int(),
  coverStart: z.iso.datetime({ offset: true }),
  coverEnd: z.iso.datetime({ offset: true }),
  issuedAt: z.iso.datetime({ offset: true }),
  /** Active with cover not yet started and nothing claimed: may be cancelled with a full refund. */
  cancellable: z.boolean(),
  /** The staff route of the e-policy PDF (audited). */
  documentPath: z.string(),
});
export type SupportPolicy = z.infer<typeof supportPolicySchema>;

export const supportPayoutBillSchema = z.object({
  outBillNo: z.string(),
  attempt: z.number().int(),
  state: z.string(),
  amountFen: z.number().int(),
  failReason: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SupportPayoutBill = z.infer<typeof supportPayoutBillSchema>;

export const supportClaimSchema = claimDetailSchema.extend({
  bills: z.array(supportPayoutBillSchema),
  /** The current bill ended (or may have ended) unpaid: support may ask WeChat and re-offer it. */
  reofferable: z.boolean(),
  currentAttempt: z.number().int().nonnegative(),
  decidedBy: z.string().nullable(),
});
export type SupportClaim = z.infer<typeof supportClaimSchema>;

export const supportConsentSchema = z.object({
  templateId: z.string(),
  /** Messages the customer still allows (one per "accept" in wx.requestSubscribeMessage). */
  acceptedCount: z.number().int(),
  updatedAt: z.iso.datetime({ offset: true }),
});

/** `GET /api/v1/staff/support/customers/{customerId}`: the customer's whole story, masked. */
export const customer360Schema = z.object({
  customer: z.object({
    id: z.uuid(),
    openidMasked: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    lastLoginAt: z.iso.datetime({ offset: true }),
  }),
  orders: z.array(supportOrderSchema),
  policies: z.array(supportPolicySchema),
  claims: z.array(supportClaimSchema),
  consents: z.array(supportConsentSchema),
});
export type Customer360 = z.infer<typeof customer360Schema>;

/** `POST /api/v1/staff/support/customers/{customerId}/reveal`: the full personal data of one order's insured. */
export const revealIdentityRequestSchema = z.object({
  orderNo: businessNo('O'),
  reason: z.string().trim().min(2).max(200),
});
export type RevealIdentityRequest = z.infer<typeof revealIdentityRequestSchema>;

export const revealedIdentitySchema = z.object({
  orderNo: z.string(),
  insuredName: z.string(),
  insuredIdNumber: z.string(),
  insuredPhone: z.string(),
});
export type RevealedIdentity = z.infer<typeof revealedIdentitySchema>;

/** One step of a sale as replayed: the buyer's own events and what the server recorded, in time order. */
export const replayStepSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  source: z.enum(['buyer', 'server']),
  type: z.string(),
  /** e.g. 浏览产品页, 确认已阅读免责条款, 提交投保信息, 发起支付, 支付成功, 保单生效. */
  title: z.string(),
  /** The page's code as recorded (product:FD120, insured, …), for the record. */
  page: z.string().nullable(),
  /** The page by its human name (产品页, 选择航班, 填写投保信息, …): what the console shows. */
  pageName: z.string().nullable(),
  /** The parts of the product version the buyer had in front of them at this step (see `version`). */
  shows: z.array(z.enum(['summary', 'exclusions', 'clauses'])),
  durationMs: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type ReplayStep = z.infer<typeof replayStepSchema>;

/** `GET /api/v1/staff/support/policies/{policyNo}/replay` (compliance.md row 2, 可回溯). */
export const salesReplaySchema = z.object({
  policyNo: z.string(),
  orderNo: z.string(),
  customerId: z.uuid(),
  steps: z.array(replayStepSchema),
  /** The exact product version the buyer was sold, word for word. */
  version: z.object({
    versionId: z.uuid(),
    productCode: z.string(),
    productName: z.string(),
    version: z.number().int(),
    insurerName: z.string(),
    filingNo: z.string(),
    effectiveFrom: z.iso.datetime({ offset: true }),
    /** The product page's highlights, as the buyer read them (summariseTerms of the version's terms). */
    highlights: z.array(z.string()),
    clauses: z.array(clauseSchema),
    exclusions: z.array(z.string()),
  }),
  /** The version whose exclusions the buyer confirmed reading; must be the version sold. */
  exclusionsReadVersionId: z.uuid(),
  exclusionsReadMatchesVersion: z.boolean(),
});
export type SalesReplay = z.infer<typeof salesReplaySchema>;

/** Every support action states why; the reason is kept in the audit log. */
export const supportActionReasonSchema = z.object({ reason: z.string().trim().min(2).max(200) });
export type SupportActionReason = z.infer<typeof supportActionReasonSchema>;

/**
 * `POST /api/v1/staff/support/claims/{claimId}/reoffer`: re-offer a red packet whose transfer bill
 * closed unconfirmed or failed. `attempt` names the bill being replaced, so a repeated request
 * (double click, retry) re-offers once.
 */
export const reofferPayoutRequestSchema = supportActionReasonSchema.extend({ attempt: z.number().int().positive() });
export type ReofferPayoutRequest = z.infer<typeof reofferPayoutRequestSchema>;

export const reofferPayoutResponseSchema = z.object({
  claimNo: z.string(),
  previousOutBillNo: z.string(),
  previousState: z.string(),
  attempt: z.number().int().positive(),
  outBillNo: z.string(),
  /** False when this attempt had already been re-offered (the same request again). */
  reoffered: z.boolean(),
});
export type ReofferPayoutResponse = z.infer<typeof reofferPayoutResponseSchema>;

/** `POST /api/v1/staff/support/policies/{policyNo}/cancel`: before cover starts, full refund. */
export const cancelPolicyResponseSchema = z.object({
  policyNo: z.string(),
  orderNo: z.string(),
  policyStatus: policyStatusSchema,
  refundNo: z.string(),
  refundStatus: supportRefundSchema.shape.status,
  amountFen: z.number().int(),
  /** False when the policy had already been cancelled (the same request again). */
  cancelled: z.boolean(),
});
export type CancelPolicyResponse = z.infer<typeof cancelPolicyResponseSchema>;

/** `GET /api/v1/staff/dashboard` (admin): the day at a glance (Beijing day). */
export const operationsDashboardSchema = z.object({
  day: localDateSchema,
  sales: z.object({
    orders: z.number().int(),
    policiesIssued: z.number().int(),
    premiumFen: z.number().int(),
    refundedFen: z.number().int(),
  }),
  salesByProduct: z.array(
    z.object({
      productCode: z.string(),
      productName: z.string(),
      policies: z.number().int(),
      premiumFen: z.number().int(),
    }),
  ),
  salesByHour: z.array(z.object({ hour: z.number().int().min(0).max(23), policies: z.number().int() })),
  policiesInForce: z.number().int(),
  claims: z.object({
    approved: z.number().int(),
    paid: z.number().int(),
    /** Approved, offered, failed or expired: money earned and not yet in the customer's hands. */
    unclaimed: z.number().int(),
    unclaimedFen: z.number().int(),
    manualReview: z.number().int(),
    paidTodayFen: z.number().int(),
  }),
  payouts: z.object({
    finishedToday: z.number().int(),
    succeededToday: z.number().int(),
    /** succeeded / finished today, null when nothing finished. */
    successRate: z.number().min(0).max(1).nullable(),
    states: z.array(z.object({ state: z.string(), bills: z.number().int() })),
  }),
  /** WeChat's refusals and failures recorded on bills and refunds (last 7 days), by code. */
  wechatErrors: z.array(
    z.object({ source: z.enum(['transfer', 'refund']), code: z.string(), count: z.number().int() }),
  ),
  flightCapacity: z.array(
    z.object({
      flightNo: z.string(),
      flightDate: localDateSchema,
      soldFen: z.number().int(),
      capacityFen: z.number().int(),
      policies: z.number().int(),
    }),
  ),
  weatherCapacity: z.array(
    z.object({
      placeCode: z.string(),
      placeName: z.string(),
      period: z.string(),
      sold: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
});
export type OperationsDashboard = z.infer<typeof operationsDashboardSchema>;

/** `GET /api/v1/staff/dashboard/products` (admin): every product version and its terms, read-only. */
export const productVersionListSchema = z.object({
  items: z.array(
    z.object({
      productCode: z.string(),
      productName: z.string(),
      onSale: z.boolean(),
      versionId: z.uuid(),
      version: z.number().int(),
      insurerName: z.string(),
      filingNo: z.string(),
      effectiveFrom: z.iso.datetime({ offset: true }),
      effectiveTo: z.iso.datetime({ offset: true }).nullable(),
      current: z.boolean(),
      terms: productTermsSchema,
      clauses: z.array(clauseSchema),
      exclusions: z.array(z.string()),
    }),
  ),
});
export type ProductVersionList = z.infer<typeof productVersionListSchema>;

/** The staff route of a policy's e-policy PDF. */
export const staffPolicyDocumentPath = (policyNo: string): string =>
  `/api/v1/staff/support/policies/${encodeURIComponent(policyNo)}/document`;
