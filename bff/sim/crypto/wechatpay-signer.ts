import { createPrivateKey, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { SimulatorKeys } from '../sim-keys.js';

/**
 * Which key WeChat Pay signs responses and callbacks with:
 * - `platform_certificate`: older merchants; Wechatpay-Serial is the platform certificate serial;
 * - `public_key`: merchants created since 2024-25; Wechatpay-Serial is `PUB_KEY_ID_…`;
 * - `both`: a merchant in the middle of the switch, where either key may sign (we alternate).
 */
export type SigningMode = 'platform_certificate' | 'public_key' | 'both';

export type WechatPaySignatureHeaders = {
  'Wechatpay-Timestamp': string;
  'Wechatpay-Nonce': string;
  'Wechatpay-Signature': string;
  'Wechatpay-Serial': string;
  'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048';
  'Request-ID': string;
};

interface SigningKey {
  serial: string;
  key: KeyObject;
}

export class WechatPaySigner {
  private readonly platform: SigningKey;
  private readonly publicKey: SigningKey;
  /** In `both` mode responses and callbacks each alternate keys on their own, so both kinds see both keys. */
  private readonly alternation = new Map<string, boolean>();
  private forgeryKey: KeyObject | undefined;

  constructor(
    keys: SimulatorKeys,
    private mode: SigningMode,
  ) {
    this.platform = { serial: keys.platform.serial, key: createPrivateKey(keys.platform.privateKeyPem) };
    this.publicKey = {
      serial: keys.wechatPayPublicKey.id,
      key: createPrivateKey(keys.wechatPayPublicKey.privateKeyPem),
    };
  }

  get signingMode(): SigningMode {
    return this.mode;
  }

  setMode(mode: SigningMode): void {
    this.mode = mode;
  }

  /** Signs `TIMESTAMP\nNONCE\nBODY\n` (wechat.md §2). `forge` signs with a throwaway key under the real serial. */
  sign(
    body: string,
    options: { forge?: boolean; timestampSeconds?: number; channel?: 'response' | 'notification' } = {},
  ): WechatPaySignatureHeaders {
    const signer = this.pickKey(options.channel ?? 'response');
    const timestamp = String(options.timestampSeconds ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex').toUpperCase();
    const key = options.forge ? this.forgery() : signer.key;
    const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': signature,
      'Wechatpay-Serial': signer.serial,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Request-ID': randomBytes(16).toString('hex'),
    };
  }

  private pickKey(channel: string): SigningKey {
    if (this.mode === 'platform_certificate') return this.platform;
    if (this.mode === 'public_key') return this.publicKey;
    const next = !this.alternation.get(channel);
    this.alternation.set(channel, next);
    return next ? this.platform : this.publicKey;
  }

  private forgery(): KeyObject {
    this.forgeryKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return this.forgeryKey;
  }
}
