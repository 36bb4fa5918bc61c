import Pay from 'wechatpay-node-v3';
import type { WechatPayConfig } from './wechat-pay.config.js';
import type { WechatPayTransport } from './wechat-pay.transport.js';

/**
 * The official-community SDK, with its signing helpers opened up for the endpoints it
 * lacks (transfer bills) and its HTTP layer replaced by our transport.
 */
export class WechatPaySdk extends Pay {
  constructor(config: WechatPayConfig, transport: WechatPayTransport) {
    super({
      appid: config.appid,
      mchid: config.mchid,
      // Passing the serial keeps the SDK from parsing it out of the certificate itself.
      serial_no: config.merchantSerial,
      publicKey: Buffer.from(config.merchantCertPem),
      privateKey: Buffer.from(config.merchantPrivateKeyPem),
      key: config.apiV3Key,
      userAgent: 'xiaoan-bff',
    });
    this.createHttp(transport);
  }

  /** `Authorization` over METHOD, path (the SDK strips WeChat's host), timestamp, nonce and body. */
  authorizationFor(method: 'GET' | 'POST', canonicalUrl: string, body?: Record<string, unknown>): string {
    return this.buildAuthorization(method, canonicalUrl, body);
  }

  headersFor(authorization: string, extra: Record<string, string> = {}): Record<string, string> {
    return this.getHeaders(authorization, extra) as Record<string, string>;
  }
}
