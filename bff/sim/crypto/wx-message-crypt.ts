import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat's 消息加解密 (safe mode of 消息推送), as WeChat itself does it:
 * AESKey = base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = the key's first 16 bytes;
 * plaintext = 16 random bytes + 4-byte big-endian message length + message + appid, padded with
 * PKCS#7 to a multiple of 32 bytes (WeChat's block size for padding, not AES's 16); base64.
 */
const PAD_BLOCK = 32;

export const wxAesKeyOf = (encodingAesKey: string): Buffer => {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32)
    throw new Error('EncodingAESKey must be 43 characters of base64');
  return key;
};

export function wxEncrypt(message: string, encodingAesKey: string, appid: string): string {
  const key = wxAesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appid, 'utf8')]);
  const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export function wxDecrypt(encrypted: string, encodingAesKey: string): { message: string; appid: string } {
  const key = wxAesKeyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > PAD_BLOCK) throw new Error('bad padding');
  const plain = padded.subarray(16, padded.length - pad);
  const length = plain.readUInt32BE(0);
  return {
    message: plain.subarray(4, 4 + length).toString('utf8'),
    appid: plain.subarray(4 + length).toString('utf8'),
  };
}

/** signature = SHA1 of the sorted strings concatenated (token, timestamp, nonce[, Encrypt]). */
export const wxSha1Signature = (...parts: string[]): string =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
