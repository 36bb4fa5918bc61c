import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { FieldCipher } from './field-cipher.js';

describe('personal data encrypted at rest', () => {
  const cipher = new FieldCipher(randomBytes(32));

  it('round-trips a value and never stores it in the clear', () => {
    const stored = cipher.encrypt('11010519491231002X');
    expect(stored).not.toContain('11010519491231002X');
    expect(cipher.decrypt(stored)).toBe('11010519491231002X');
    expect(cipher.encrypt('11010519491231002X')).not.toBe(stored);
  });

  it('refuses a tampered ciphertext', () => {
    const stored = cipher.encrypt('13812345678');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('gives the same blind index for the same value under the same key only', () => {
    expect(cipher.blindIndex('A')).toBe(cipher.blindIndex('A'));
    expect(cipher.blindIndex('A')).not.toBe(cipher.blindIndex('B'));
    expect(new FieldCipher(randomBytes(32)).blindIndex('A')).not.toBe(cipher.blindIndex('A'));
  });

  it("indexes a phone number over its normalised spelling, under a key apart from the ID numbers' index", () => {
    expect(cipher.phoneIndex('+86 138-1234-5678')).toBe(cipher.phoneIndex('13812345678'));
    expect(cipher.phoneIndex('13812345678')).not.toBe(cipher.phoneIndex('13812345679'));
    expect(cipher.phoneIndex('13812345678')).not.toBe(cipher.blindIndex('13812345678'));
  });
});
