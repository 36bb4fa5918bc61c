import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { verifyMerchantAuthorization } from './merchant-authorization.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const now = 1_764_300_000;

function header(fields: Record<string, string>, order = Object.keys(fields)): string {
  return `WECHATPAY2-SHA256-RSA2048 ${order.map((k) => `${k}="${fields[k]}"`).join(',')}`;
}

function signed(timestamp: number, body = '{"a":1}') {
  const signature = createSign('RSA-SHA256')
    .update(`POST\n/v3/x?y=1\n${timestamp}\nNONCE\n${body}\n`)
    .sign(privateKey, 'base64');
  return { mchid: '1900000109', nonce_str: 'NONCE', timestamp: String(timestamp), serial_no: 'ABC', signature };
}

const check = (h: string, body = '{"a":1}', nowSeconds = now) =>
  verifyMerchantAuthorization({
    method: 'POST',
    pathWithQuery: '/v3/x?y=1',
    rawBody: body,
    header: h,
    expectedMchid: '1900000109',
    merchantSerial: 'abc',
    merchantPublicKey: publicKey,
    nowSeconds,
  });

describe('merchant Authorization check', () => {
  it('accepts the five fields in any order', () => {
    const fields = signed(now);
    expect(check(header(fields))).toEqual({ ok: true, mchid: '1900000109' });
    expect(check(header(fields, ['signature', 'serial_no', 'timestamp', 'nonce_str', 'mchid']))).toEqual({
      ok: true,
      mchid: '1900000109',
    });
  });

  it('refuses a changed body, a timestamp more than 5 minutes off, and millisecond timestamps', () => {
    expect(check(header(signed(now)), '{"a":2}')).toMatchObject({ ok: false });
    expect(check(header(signed(now - 301)))).toMatchObject({ ok: false, reason: expect.stringContaining('5-minute') });
    expect(check(header(signed(now - 299)))).toMatchObject({ ok: true });
    expect(check(header(signed(now * 1000)), '{"a":1}', now)).toMatchObject({ ok: false });
  });

  it('refuses another merchant or scheme', () => {
    expect(check(header({ ...signed(now), mchid: '1900000999' }))).toMatchObject({ ok: false });
    expect(check(header(signed(now)).replace('WECHATPAY2-SHA256-RSA2048', 'Bearer'))).toMatchObject({ ok: false });
  });
});
