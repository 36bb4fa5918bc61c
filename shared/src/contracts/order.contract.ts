import { z } from 'zod';
import { isValidIdNumber, isValidMobile } from '../rules/id-number.js';

export const insuredSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, '请填写被保险人真实姓名')
    .max(30, '姓名过长')
    .regex(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '姓名只能包含中文、英文字母或间隔号'),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine((value) => isValidIdNumber(value), '身份证号码不正确，请核对'),
  phone: z.string().trim().refine(isValidMobile, '请填写正确的11位手机号'),
});
export type Insured = z.infer<typeof insuredSchema>;

/** What the buyer did on the sales pages (compliance row 2: 可回溯). */
export const salesTrailEventSchema = z.object({
  type: z.enum(['page_view', 'exclusions_confirmed', 'form_submitted', 'payment_started', 'payment_result']),
  page: z.string().max(128),
  at: z.iso.datetime({ offset: true }),
  durationMs: z.number().int().nonnegative().max(86_400_000).optional(),
  detail: z.string().max(256).optional(),
});
export type SalesTrailEvent = z.infer<typeof salesTrailEventSchema>;

export const createOrderRequestSchema = z.object({
  quoteId: z.uuid(),
  insured: insuredSchema,
  /** The product version whose exclusions the buyer confirmed reading: must be the quote's. */
  exclusionsReadVersion: z.uuid(),
  salesTrail: z.array(salesTrailEventSchema).max(200).default([]),
});
export type CreateOrderRequest = z.input<typeof createOrderRequestSchema>;

/**
 * `payment_mismatch`: WeChat confirmed a payment that does not match the order (amount, currency,
 * payer, merchant): no policy; what was paid goes back to the payer (refundReason says why).
 */
export const orderStatusSchema = z.enum(['pending_payment', 'paid', 'issued', 'refunding', 'refunded', 'closed', 'payment_mismatch']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** The arguments of wx.requestPayment, signed by the BFF. */
export const paymentParamsSchema = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string().startsWith('prepay_id='),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type PaymentParams = z.infer<typeof paymentParamsSchema>;

export const orderSchema = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  status: orderStatusSchema,
  amountFen: z.number().int().positive(),
  productCode: z.string(),
  productName: z.string(),
  insuredNameMasked: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  policyNo: z.string().nullable(),
  /** Why the premium was refunded, in words the customer understands. */
  refundReason: z.string().nullable(),
  payment: paymentParamsSchema.nullable(),
});
export type Order = z.infer<typeof orderSchema>;

/** One line of 我的订单: what was bought, for what, and where the order stands, in the customer's words. */
export const orderSummarySchema = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  status: orderStatusSchema,
  amountFen: z.number().int().positive(),
  productCode: z.string(),
  productName: z.string(),
  /** What the cover is for: "MU5101 · 12月9日", "西湖 · 7月5日 · 3人", "上海 · 2027年高温季". */
  subject: z.string(),
  insuredNameMasked: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  policyNo: z.string().nullable(),
  /** It can still be paid: pending, and within its payment window. */
  payable: z.boolean(),
  /** Why it was refunded or closed (or why a pending one can no longer be paid). */
  statusReason: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const orderListResponseSchema = z.object({ items: z.array(orderSummarySchema) });
export type OrderListResponse = z.infer<typeof orderListResponseSchema>;

/** 继续支付: the same order's requestPayment parameters (its prepay, or a new prepay for the same out_trade_no). */
export const resumeOrderPaymentPath = (orderId: string): string => `/api/v1/orders/${encodeURIComponent(orderId)}/payment`;
