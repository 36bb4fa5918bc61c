import { constants, createCipheriv, privateDecrypt, randomBytes, type KeyObject } from 'node:crypto';

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for callbacks and /v3/certificates:
 * key = the 32-byte APIv3 key, IV = the 12-character `nonce` string, AAD = `associated_data`,
 * ciphertext = Base64(encrypted bytes ‖ 16-byte tag).
 */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string): EncryptedResource {
  const nonce = Array.from(randomBytes(12), (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join('');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

/** Sensitive request fields (user_name) arrive RSA-OAEP (SHA-1) encrypted under a WeChat Pay key. */
export function decryptSensitiveField(privateKey: KeyObject, base64: string): string {
  return privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from(base64, 'base64'),
  ).toString('utf8');
}
