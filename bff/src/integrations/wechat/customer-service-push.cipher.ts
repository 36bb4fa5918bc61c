import { createDecipheriv, hash, timingSafeEqual } from 'node:crypto';

/**
 * The safe (安全) mode of 消息推送: WeChat's 消息加解密. The AES key is base64(EncodingAESKey + "=")
 * (32 bytes), AES-256-CBC with the key's first 16 bytes as IV and PKCS#7 padding to 32-byte blocks;
 * the plaintext is 16 random bytes, the message length (4 bytes, big-endian), the message and the
 * appid it was sent to — a push for another mini-program is refused.
 */
export class CustomerServicePushCipher {
  private readonly key: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly appid: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (encodingAesKey.length !== 43 || this.key.length !== 32)
      throw new Error('the EncodingAESKey must be 43 characters of base64');
  }

  /** The pushed message (JSON text), or null when it does not decrypt, is malformed or names another appid. */
  decrypt(encrypted: string): string | null {
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
      const pad = padded.at(-1) ?? 0;
      if (pad < 1 || pad > 32 || padded.length < 20 + pad) return null;
      const plain = padded.subarray(16, padded.length - pad);
      const length = plain.readUInt32BE(0);
      if (4 + length > plain.length) return null;
      if (plain.subarray(4 + length).toString('utf8') !== this.appid) return null;
      return plain.subarray(4, 4 + length).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** msg_signature of a safe-mode push: SHA1 of token, timestamp, nonce and the Encrypt field, sorted. */
export function verifyCustomerServiceMsgSignature(
  msgSignature: string | undefined,
  parts: { token: string; timestamp: string; nonce: string; encrypt: string },
): boolean {
  if (!msgSignature) return false;
  const expected = hash('sha1', [parts.token, parts.timestamp, parts.nonce, parts.encrypt].sort().join(''), 'buffer');
  const given = Buffer.from(msgSignature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
