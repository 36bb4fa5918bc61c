import { z } from 'zod';

/** Shapes WeChat Pay sends back, parsed at the edge. Unknown fields are dropped. */

export const tradeStateSchema = z.enum(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR']);

/** The query answer and the decrypted TRANSACTION.SUCCESS resource share this shape. */
export const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: tradeStateSchema,
  trade_state_desc: z.string().optional(),
  success_time: z.string().optional(),
  attach: z.string().optional(),
  payer: z.object({ openid: z.string() }).optional(),
  amount: z
    .object({
      total: z.number().int(),
      payer_total: z.number().int().optional(),
      currency: z.string().optional(),
      payer_currency: z.string().optional(),
    })
    .optional(),
});
export type WechatPayTransaction = z.infer<typeof transactionSchema>;

export const refundStatusSchema = z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']);

export const refundSchema = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  transaction_id: z.string().optional(),
  out_trade_no: z.string().optional(),
  status: refundStatusSchema,
  create_time: z.string().optional(),
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
  amount: z.object({ total: z.number().int(), refund: z.number().int(), currency: z.string().optional() }),
});
export type WechatPayRefund = z.infer<typeof refundSchema>;

/** The decrypted REFUND.* resource. */
export const refundNotificationSchema = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: refundStatusSchema,
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
  amount: z.object({ total: z.number().int(), refund: z.number().int() }),
});
export type WechatPayRefundNotification = z.infer<typeof refundNotificationSchema>;

export const transferBillStateSchema = z.enum([
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
]);
export type TransferBillState = z.infer<typeof transferBillStateSchema>;

export const transferBillCreatedSchema = z.object({
  out_bill_no: z.string(),
  transfer_bill_no: z.string(),
  create_time: z.string(),
  state: transferBillStateSchema,
  fail_reason: z.string().optional(),
  /** Present only while WAIT_USER_CONFIRM; do not cache it, re-create to get a fresh one. */
  package_info: z.string().optional(),
});

export const transferBillSchema = z.object({
  mch_id: z.string().optional(),
  out_bill_no: z.string(),
  transfer_bill_no: z.string(),
  appid: z.string().optional(),
  state: transferBillStateSchema,
  transfer_amount: z.number().int(),
  transfer_remark: z.string().optional(),
  fail_reason: z.string().optional(),
  openid: z.string().optional(),
  create_time: z.string(),
  update_time: z.string(),
});

export const transferBillCancelledSchema = z.object({
  out_bill_no: z.string(),
  transfer_bill_no: z.string(),
  state: z.enum(['CANCELING', 'CANCELLED']),
  update_time: z.string().optional(),
});

/**
 * The decrypted MCHTRANSFER.BILL.FINISHED resource. WeChat's doc says `mch_id`; one
 * third-party sample shows `mchid`: both are accepted and normalised to `mchid`.
 */
export const transferNotificationSchema = z
  .object({
    out_bill_no: z.string(),
    transfer_bill_no: z.string(),
    state: transferBillStateSchema,
    mch_id: z.string().optional(),
    mchid: z.string().optional(),
    transfer_amount: z.number().int(),
    openid: z.string(),
    fail_reason: z.string().optional(),
    create_time: z.string(),
    update_time: z.string(),
  })
  .refine((r) => r.mch_id !== undefined || r.mchid !== undefined, { message: 'mch_id or mchid required' })
  .transform(({ mch_id: mchId, mchid, ...rest }) => ({ ...rest, mchid: (mchid ?? mchId)! }));
export type WechatPayTransferNotification = z.infer<typeof transferNotificationSchema>;

export const notificationEnvelopeSchema = z.object({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string().optional(),
  resource: z.object({
    original_type: z.string(),
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string(),
    associated_data: z.string().optional(),
    nonce: z.string(),
  }),
});
