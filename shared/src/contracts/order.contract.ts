import { z } from 'zod';
import { isValidMobile } from '../rules/id-number.js';
import {
  ID_TYPE_LABELS,
  ID_TYPES,
  INSURED_RELATIONSHIPS,
  isValidDocumentNumber,
  normaliseDocumentNumber,
  type IdType,
  type InsuredRelationship,
} from '../rules/travel-document.js';

/** The insured's name as on their document (Chinese, or Latin letters on a passport or permit). */
export const insuredNameSchema = z
  .string()
  .trim()
  .min(2, '请填写被保险人真实姓名')
  .max(40, '姓名过长')
  .regex(/^[\u4e00-\u9fa5·A-Za-z\s.'\-/]+$/, '姓名只能包含中文、英文字母或间隔号');

const personFields = {
  name: insuredNameSchema,
  /** 居民身份证 unless told otherwise; flight cover also takes passports and 港澳台 permits. */
  idType: z.enum(ID_TYPES).default('id_card'),
  idNumber: z.string().trim().toUpperCase(),
  /** Who the insured is to the buyer: 本人, or for 为他人投保 配偶 / 子女 / 父母 / 其他. */
  relationship: z.enum(INSURED_RELATIONSHIPS).default('self'),
};

/** The name is as on the document: Chinese for a 身份证, Latin letters allowed on the others. */
const checkPerson = (value: { name: string; idType: IdType; idNumber: string }, ctx: z.RefinementCtx) => {
  if (!isValidDocumentNumber(value.idType, value.idNumber)) {
    ctx.addIssue({
      code: 'custom',
      path: ['idNumber'],
      message:
        value.idType === 'id_card'
          ? '身份证号码不正确，请核对'
          : `${ID_TYPE_LABELS[value.idType]}号码格式不正确，请核对`,
    });
  }
  if (value.idType === 'id_card' && value.name.length > 30)
    ctx.addIssue({ code: 'custom', path: ['name'], message: '姓名过长' });
};

export const insuredSchema = z
  .object({ ...personFields, phone: z.string().trim().refine(isValidMobile, '请填写正确的11位手机号') })
  .superRefine(checkPerson)
  .transform((value) => ({ ...value, idNumber: normaliseDocumentNumber(value.idNumber) }));

/** A further person on a RAIN order (同行人): name and document; a phone only when given. */
export const companionSchema = z
  .object({
    ...personFields,
    relationship: z.enum(INSURED_RELATIONSHIPS).default('other'),
    phone: z.string().trim().refine(isValidMobile, '请填写正确的11位手机号').optional(),
  })
  .superRefine(checkPerson)
  .transform((value) => ({ ...value, idNumber: normaliseDocumentNumber(value.idNumber) }));
export type Companion = z.infer<typeof companionSchema>;
export type Insured = z.infer<typeof insuredSchema>;
export type InsuredInput = z.input<typeof insuredSchema>;

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
  /** RAIN for N persons: the other N-1 insured persons, each with their own identity (one claim pays each). */
  companions: z.array(companionSchema).max(9).default([]),
  /** The product version whose exclusions the buyer confirmed reading: must be the quote's. */
  exclusionsReadVersion: z.uuid(),
  salesTrail: z.array(salesTrailEventSchema).max(200).default([]),
  /** 保存为常用被保险人: only when the customer ticks it (off by default); stored encrypted. */
  saveInsured: z.boolean().default(false),
});
/**
 * A 常用被保险人 picked in one tap: the app only ever holds masked data, so it names the saved
 * person by id and the BFF fills in the stored identity (a phone given here replaces the stored one).
 */
export interface PickedInsured {
  savedId: string;
  relationship?: InsuredRelationship;
  phone?: string;
}
export type CreateOrderRequest = Omit<z.input<typeof createOrderRequestSchema>, 'insured' | 'companions'> & {
  insured: z.input<typeof insuredSchema> | PickedInsured;
  companions?: (z.input<typeof companionSchema> | PickedInsured)[];
};

/** One 常用被保险人 as the app sees it: masked, never the full document number. */
export const savedInsuredSchema = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  idType: z.enum(ID_TYPES),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  relationship: z.enum(INSURED_RELATIONSHIPS),
  createdAt: z.iso.datetime({ offset: true }),
});
export type SavedInsured = z.infer<typeof savedInsuredSchema>;
export const savedInsuredListResponseSchema = z.object({ items: z.array(savedInsuredSchema) });
export type SavedInsuredListResponse = z.infer<typeof savedInsuredListResponseSchema>;

/** getPhoneNumber: the one-time code from <button open-type="getPhoneNumber">, exchanged by the BFF. */
export const phoneNumberRequestSchema = z.object({ code: z.string().trim().min(1).max(128) });
export const phoneNumberResponseSchema = z.object({ phoneNumber: z.string() });
export type PhoneNumberResponse = z.infer<typeof phoneNumberResponseSchema>;

/**
 * `payment_mismatch`: WeChat confirmed a payment that does not match the order (amount, currency,
 * payer, merchant): no policy; what was paid goes back to the payer (refundReason says why).
 */
export const orderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'issued',
  'refunding',
  'refunded',
  'closed',
  'payment_mismatch',
]);
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
export const resumeOrderPaymentPath = (orderId: string): string =>
  `/api/v1/orders/${encodeURIComponent(orderId)}/payment`;
