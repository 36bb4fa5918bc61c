/**
 * Everything the WeChat Pay adapters need, as plain data. core/config builds it from
 * WECHATPAY_* / PUBLIC_BASE_URL; the adapters never read the environment themselves.
 */
export interface WechatPayConfig {
  /** WECHATPAY_ORIGIN: https://api.mch.weixin.qq.com in production, the simulator locally. */
  readonly origin: string;
  /** WECHAT_APPID: the mini-program the payments and transfers belong to. */
  readonly appid: string;
  readonly mchid: string;
  /** Serial of the merchant API certificate (商户API证书序列号). */
  readonly merchantSerial: string;
  readonly merchantPrivateKeyPem: string;
  readonly merchantCertPem: string;
  /** The 32-byte APIv3 key: AES-256-GCM key of callbacks and /v3/certificates. */
  readonly apiV3Key: string;
  /** WeChat Pay public key mode (微信支付公钥): PEM and its `PUB_KEY_ID_…`. Unset: platform certificates. */
  readonly publicKeyPem?: string;
  readonly publicKeyId?: string;
  /** PUBLIC_BASE_URL: notify_urls are built under it. */
  readonly notifyBaseUrl: string;
  /** Per-request timeout. Default 10 s. */
  readonly timeoutMs?: number;
}

/** The callback paths fixed by architecture.md. */
export function wechatPayNotifyUrls(config: Pick<WechatPayConfig, 'notifyBaseUrl'>): {
  transaction: string;
  refund: string;
  transfer: string;
} {
  const base = config.notifyBaseUrl.replace(/\/+$/, '');
  return {
    transaction: `${base}/api/v1/wechatpay/notify/transaction`,
    refund: `${base}/api/v1/wechatpay/notify/refund`,
    transfer: `${base}/api/v1/wechatpay/notify/transfer`,
  };
}
