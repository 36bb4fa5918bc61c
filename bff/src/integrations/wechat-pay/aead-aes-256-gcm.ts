import { createDecipheriv } from 'node:crypto';

export interface AeadResource {
  readonly ciphertext: string;
  readonly nonce: string;
  readonly associated_data?: string;
}

/**
 * Decrypts WeChat Pay's AEAD_AES_256_GCM resources (callbacks, /v3/certificates).
 * key = APIv3 key, IV = nonce, AAD = associated_data, tag = last 16 bytes of the
 * Base64-decoded ciphertext. `final()` checks the tag, so a tampered ciphertext throws.
 * (The SDK's own helper never calls final() and would accept forged plaintext.)
 */
export function decryptAeadAes256Gcm(apiV3Key: string, resource: AeadResource): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}
