import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import { decryptAeadAes256Gcm } from './aead-aes-256-gcm.js';
import { signedMessageFromHeaders, WechatPaySignatureVerifier } from './signature-verifier.js';
import type { WechatPaySdk } from './wechat-pay.sdk.js';
import {
  WECHATPAY_CANONICAL_ORIGIN,
  type WechatPayHttpResult,
  type WechatPayTransport,
} from './wechat-pay.transport.js';
import { WechatPayError } from './wechat-pay.error.js';
import { SignatureRejectedError } from './signature-rejected.error.js';

export interface PlatformCertificate {
  serialNo: string;
  effectiveTime: string;
  expireTime: string;
  publicKey: KeyObject;
}

interface CertificatesBody {
  data: {
    serial_no: string;
    effective_time: string;
    expire_time: string;
    encrypt_certificate: { ciphertext: string; nonce: string; associated_data: string };
  }[];
}

/**
 * GET /v3/certificates. Each certificate is AES-256-GCM encrypted with the APIv3 key (the
 * tag is checked), and the answer itself must be signed by one of the certificates it
 * carries, or by the configured public key while a merchant switches modes.
 * Public-key-only merchants get 404 RESOURCE_NOT_EXISTS, surfaced as WechatPayError.
 */
export class PlatformCertificateDownloader {
  constructor(
    private readonly sdk: WechatPaySdk,
    private readonly transport: WechatPayTransport,
    private readonly apiV3Key: string,
    private readonly fallbackKey: { id: string; key: KeyObject } | undefined,
  ) {}

  async download(): Promise<PlatformCertificate[]> {
    const url = `${WECHATPAY_CANONICAL_ORIGIN}/v3/certificates`;
    const result = (await this.transport.get(
      url,
      this.sdk.headersFor(this.sdk.authorizationFor('GET', url)),
    )) as WechatPayHttpResult;
    const body = result.data as CertificatesBody;
    const certificates = body.data.map((item) => {
      const pem = decryptAeadAes256Gcm(this.apiV3Key, item.encrypt_certificate);
      const cert = new X509Certificate(pem);
      return {
        serialNo: item.serial_no,
        effectiveTime: item.effective_time,
        expireTime: item.expire_time,
        publicKey: createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' })),
      };
    });
    const bySerial = new Map(certificates.map((c) => [c.serialNo.toUpperCase(), c.publicKey]));
    const verifier = new WechatPaySignatureVerifier({
      keyFor: async (serial) =>
        bySerial.get(serial.toUpperCase()) ?? (this.fallbackKey?.id === serial ? this.fallbackKey.key : undefined),
    });
    try {
      await verifier.verify(signedMessageFromHeaders(result.headers, result.rawBody));
    } catch (error) {
      if (error instanceof SignatureRejectedError)
        throw new WechatPayError(
          'RESPONSE_SIGNATURE_INVALID',
          `/v3/certificates: ${error.message}`,
          result.status,
          undefined,
          { cause: error },
        );
      throw error;
    }
    return certificates;
  }
}
