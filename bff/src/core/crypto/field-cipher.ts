import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { normalisePhone } from '@xiaoan/shared';

/**
 * Encryption at rest for personal data (ID numbers, session keys): AES-256-GCM, a fresh 12-byte IV
 * per value, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). A blind index (HMAC-SHA256 under
 * a derived key) lets us look a value up by equality without storing it in the clear.
 */
export class FieldCipher {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly phoneIndexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the data encryption key must be 32 bytes');
    this.encryptionKey = createHmac('sha256', masterKey).update('xiaoan/field-encryption').digest();
    this.indexKey = createHmac('sha256', masterKey).update('xiaoan/blind-index').digest();
    // A key of its own, so a phone digest can never be compared with an ID-number digest.
    this.phoneIndexKey = createHmac('sha256', masterKey).update('xiaoan/blind-index/phone').digest();
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('not an encrypted field');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic, keyed digest for equality lookups (e.g. one policy per ID number per flight). */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('base64url');
  }

  /** Blind index of a mobile number, over its normalised spelling (customer service finds customers by it). */
  phoneIndex(phone: string): string {
    return createHmac('sha256', this.phoneIndexKey).update(normalisePhone(phone)).digest('base64url');
  }
}

export const FIELD_CIPHER = Symbol('FIELD_CIPHER');
