import type { z } from 'zod';
import { decryptAeadAes256Gcm } from './aead-aes-256-gcm.js';
import { SignatureRejectedError } from './signature-rejected.error.js';
import { signedMessageFromHeaders, type WechatPaySignatureVerifier } from './signature-verifier.js';
import {
  notificationEnvelopeSchema,
  refundNotificationSchema,
  transactionSchema,
  transferNotificationSchema,
  type WechatPayRefundNotification,
  type WechatPayTransaction,
  type WechatPayTransferNotification,
} from './wechat-pay.schemas.js';

export interface VerifiedNotification<T> {
  /** WeChat's notification id: the same across retries, so it is the deduplication key. */
  id: string;
  eventType: string;
  createTime: string;
  resource: T;
}

type Headers_ = Record<string, string | string[] | undefined>;

/**
 * Verifies and decrypts WeChat Pay callbacks, in this order: headers present, not a
 * SIGNTEST probe, timestamp within 5 minutes, signature by the key Wechatpay-Serial names
 * over the raw body, then AES-256-GCM decryption with the tag checked. Anything wrong
 * throws SignatureRejectedError; the webhook answers 4xx and does nothing else.
 */
export class WechatPayNotificationVerifier {
  constructor(
    private readonly signatures: WechatPaySignatureVerifier,
    private readonly apiV3Key: string,
  ) {}

  transaction(headers: Headers_, rawBody: string): Promise<VerifiedNotification<WechatPayTransaction>> {
    return this.verify(headers, rawBody, 'transaction', transactionSchema);
  }

  refund(headers: Headers_, rawBody: string): Promise<VerifiedNotification<WechatPayRefundNotification>> {
    return this.verify(headers, rawBody, 'refund', refundNotificationSchema);
  }

  transferBill(headers: Headers_, rawBody: string): Promise<VerifiedNotification<WechatPayTransferNotification>> {
    return this.verify(headers, rawBody, 'mch_payment', transferNotificationSchema);
  }

  async verify<S extends z.ZodType>(
    headers: Headers_,
    rawBody: string,
    originalType: string,
    schema: S,
  ): Promise<VerifiedNotification<z.infer<S>>> {
    await this.signatures.verify(signedMessageFromHeaders(headers, rawBody));
    const envelope = notificationEnvelopeSchema.safeParse(safeJson(rawBody));
    if (!envelope.success) throw new SignatureRejectedError('MALFORMED_BODY', 'not a WeChat Pay notification envelope');
    const { resource } = envelope.data;
    if (resource.original_type !== originalType)
      throw new SignatureRejectedError('MALFORMED_BODY', `expected ${originalType}, got ${resource.original_type}`);
    let plaintext: string;
    try {
      plaintext = decryptAeadAes256Gcm(this.apiV3Key, resource);
    } catch (error) {
      throw new SignatureRejectedError('DECRYPT_FAILED', 'AES-256-GCM authentication failed', { cause: error });
    }
    const parsed = schema.safeParse(safeJson(plaintext));
    if (!parsed.success)
      throw new SignatureRejectedError('MALFORMED_BODY', `resource is not a ${originalType}: ${parsed.error.message}`);
    return {
      id: envelope.data.id,
      eventType: envelope.data.event_type,
      createTime: envelope.data.create_time,
      resource: parsed.data,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
