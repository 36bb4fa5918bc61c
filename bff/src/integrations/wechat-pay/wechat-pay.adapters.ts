import { createPublicKey } from 'node:crypto';
import { WechatPayNotificationVerifier } from './notification-verifier.js';
import { PlatformCertificateDownloader } from './platform-certificate.downloader.js';
import { WechatPaySignatureVerifier } from './signature-verifier.js';
import { TransferBillClient } from './transfer-bill.client.js';
import { VerificationKeyStore } from './verification-key.store.js';
import type { WechatPayConfig } from './wechat-pay.config.js';
import { WechatPayGateway } from './wechat-pay.gateway.js';
import { WechatPaySdk } from './wechat-pay.sdk.js';
import { WechatPayTransport } from './wechat-pay.transport.js';

export interface WechatPayAdapters {
  readonly gateway: WechatPayGateway;
  readonly transferBills: TransferBillClient;
  readonly notifications: WechatPayNotificationVerifier;
  readonly signatures: WechatPaySignatureVerifier;
  readonly keys: VerificationKeyStore;
  readonly certificates: PlatformCertificateDownloader;
  /** The underlying SDK, wired to the same verifying transport. */
  readonly sdk: WechatPaySdk;
}

/** Wires the WeChat Pay adapters from one config object. */
export function createWechatPayAdapters(
  config: WechatPayConfig,
  options: { certificateRefreshIntervalMs?: number; now?: () => number } = {},
): WechatPayAdapters {
  const transport = new WechatPayTransport({
    origin: config.origin,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  });
  const sdk = new WechatPaySdk(config, transport);
  const fallbackKey =
    config.publicKeyPem && config.publicKeyId
      ? { id: config.publicKeyId, key: createPublicKey(config.publicKeyPem) }
      : undefined;
  const certificates = new PlatformCertificateDownloader(sdk, transport, config.apiV3Key, fallbackKey);
  const keys = new VerificationKeyStore(
    {
      ...(config.publicKeyPem ? { publicKeyPem: config.publicKeyPem } : {}),
      ...(config.publicKeyId ? { publicKeyId: config.publicKeyId } : {}),
      ...(options.certificateRefreshIntervalMs !== undefined
        ? { refreshIntervalMs: options.certificateRefreshIntervalMs }
        : {}),
    },
    certificates,
  );
  const signatures = new WechatPaySignatureVerifier(keys, options.now);
  transport.verifyResponsesWith(signatures);
  return {
    gateway: new WechatPayGateway(sdk, config),
    transferBills: new TransferBillClient(sdk, transport, keys, config),
    notifications: new WechatPayNotificationVerifier(signatures, config.apiV3Key),
    signatures,
    keys,
    certificates,
    sdk,
  };
}
