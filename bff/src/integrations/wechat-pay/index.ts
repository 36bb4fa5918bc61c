export { createWechatPayAdapters, type WechatPayAdapters } from './wechat-pay.adapters.js';
export { wechatPayNotifyUrls, type WechatPayConfig } from './wechat-pay.config.js';
export { WechatPayError, retryClassOf, type WechatPayRetryClass } from './wechat-pay.error.js';
export {
  WechatPayGateway,
  type JsapiOrderInput,
  type RefundInput,
  type RequestPaymentParams,
} from './wechat-pay.gateway.js';
export {
  TransferBillClient,
  insuranceClaimReportInfos,
  INSURANCE_CLAIM_SCENE_ID,
  INSURANCE_CLAIM_RECV_PERCEPTION,
  USER_NAME_REQUIRED_FROM_FEN,
  type CreateTransferBillInput,
  type TransferBill,
} from './transfer-bill.client.js';
export { WechatPayNotificationVerifier, type VerifiedNotification } from './notification-verifier.js';
export { SignatureRejectedError, type SignatureRejectionReason } from './signature-rejected.error.js';
export { WechatPaySignatureVerifier, SIGNATURE_WINDOW_SECONDS } from './signature-verifier.js';
export { decryptAeadAes256Gcm } from './aead-aes-256-gcm.js';
export { WechatPayModule } from './wechat-pay.module.js';
export type {
  WechatPayTransaction,
  WechatPayRefund,
  WechatPayRefundNotification,
  WechatPayTransferNotification,
  TransferBillState,
} from './wechat-pay.schemas.js';
