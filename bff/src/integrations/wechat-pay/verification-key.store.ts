import { createPublicKey, type KeyObject } from 'node:crypto';
import type { PlatformCertificate } from './platform-certificate.downloader.js';

export interface PlatformCertificateSource {
  download(): Promise<PlatformCertificate[]>;
}

/**
 * The keys WeChat Pay signs with, by `Wechatpay-Serial`:
 * - the configured WeChat Pay public key under its `PUB_KEY_ID_…`;
 * - platform certificates, downloaded from /v3/certificates on first need and again
 *   when an unknown serial shows up (rotation), at most once per `refreshIntervalMs`.
 * With both configured, either key is accepted, which is what a merchant switching
 * from certificates to the public key sees.
 */
export class VerificationKeyStore {
  private readonly publicKey: { id: string; key: KeyObject } | undefined;
  private certificates = new Map<string, KeyObject>();
  private lastDownload = 0;
  private download: Promise<void> | undefined;

  constructor(
    options: { publicKeyPem?: string; publicKeyId?: string; refreshIntervalMs?: number },
    private readonly source: PlatformCertificateSource,
  ) {
    if (options.publicKeyPem && options.publicKeyId) {
      this.publicKey = { id: options.publicKeyId, key: createPublicKey(options.publicKeyPem) };
    }
    this.refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  }

  private readonly refreshIntervalMs: number;

  get publicKeyMode(): boolean {
    return this.publicKey !== undefined;
  }

  async keyFor(serial: string): Promise<KeyObject | undefined> {
    if (this.publicKey && serial === this.publicKey.id) return this.publicKey.key;
    // A public-key id we do not hold can never be fetched.
    if (serial.startsWith('PUB_KEY_ID_')) return undefined;
    const known = this.certificates.get(serial.toUpperCase());
    if (known) return known;
    // A download already under way (e.g. the first one, raced by concurrent requests) may bring it.
    if (this.download) {
      await this.download.catch(() => undefined);
      const arrived = this.certificates.get(serial.toUpperCase());
      if (arrived) return arrived;
    }
    if (Date.now() - this.lastDownload < this.refreshIntervalMs) return undefined;
    await this.refresh().catch(() => undefined);
    return this.certificates.get(serial.toUpperCase());
  }

  /** The key sensitive fields (user_name) are encrypted under, and the serial to announce. */
  async encryptionKey(): Promise<{ serial: string; key: KeyObject }> {
    if (this.publicKey) return { serial: this.publicKey.id, key: this.publicKey.key };
    if (this.certificates.size === 0) await this.refresh();
    const first = [...this.certificates.entries()][0];
    if (!first) throw new Error('no WeChat Pay platform certificate available');
    return { serial: first[0], key: first[1] };
  }

  /** Re-downloads platform certificates; concurrent callers share one download. */
  refresh(): Promise<void> {
    this.download ??= (async () => {
      try {
        this.lastDownload = Date.now();
        const downloaded = await this.source.download();
        this.certificates = new Map(downloaded.map((c) => [c.serialNo.toUpperCase(), c.publicKey]));
      } finally {
        this.download = undefined;
      }
    })();
    return this.download;
  }
}
