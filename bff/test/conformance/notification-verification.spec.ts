import { createCipheriv, createSign, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { SignatureRejectedError } from '../../src/integrations/wechat-pay/signature-rejected.error.js';
import { createWechatPayAdapters } from '../../src/integrations/wechat-pay/wechat-pay.adapters.js';
import {
  adapterConfig,
  businessNo,
  startHarness,
  verifiedCallback,
  waitFor,
  type Harness,
} from './support/conformance-harness.js';
import type { ReceivedRequest } from './support/notification-receiver.js';
import { verifyingResponder } from './support/webhook-responder.js';

const TX_PATH = '/api/v1/wechatpay/notify/transaction';
const openid = 'oVerify0000000000000000001';

/** Pays a fresh order and returns the (first) callback the simulator sent for it. */
async function paidCallback(h: Harness): Promise<ReceivedRequest> {
  const outTradeNo = businessNo('V');
  const { prepayId } = await h.pay.gateway.createJsapiOrder({
    outTradeNo,
    description: '天气险',
    amountFen: 100,
    openid,
  });
  h.sim.pay(prepayId, openid);
  return h.receiver.next(
    (r) => r.path === TX_PATH && h.receiver.received.indexOf(r) >= h.receiver.received.length - 1,
    5000,
  );
}

/** Re-signs a body with the simulator's platform key: a "valid signature" over attacker-chosen bytes. */
function resign(h: Harness, rawBody: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const nonce = randomBytes(8).toString('hex');
  const signature = createSign('RSA-SHA256')
    .update(`${timestampSeconds}\n${nonce}\n${rawBody}\n`)
    .sign(h.sim.keys.platform.privateKeyPem, 'base64');
  return {
    'wechatpay-timestamp': String(timestampSeconds),
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': h.sim.keys.platform.serial,
  };
}

async function rejection(promise: Promise<unknown>): Promise<SignatureRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignatureRejectedError);
  return error as SignatureRejectedError;
}

describe('WeChat Pay notification verification', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('accepts a genuine callback in platform-certificate mode (certificates downloaded on demand)', async () => {
    h = await startHarness();
    const callback = await paidCallback(h);
    expect(callback.headers['wechatpay-serial']).toBe(h.sim.keys.platform.serial);
    expect((await h.pay.notifications.transaction(callback.headers, callback.rawBody)).resource.trade_state).toBe(
      'SUCCESS',
    );
  });

  it('accepts a genuine callback in public-key mode, where /v3/certificates answers 404', async () => {
    h = await startHarness({ sim: { signingMode: 'public_key' }, keyMode: 'public_key' });
    const callback = await paidCallback(h);
    expect(callback.headers['wechatpay-serial']).toBe(h.config.publicKeyId);
    expect((await h.pay.notifications.transaction(callback.headers, callback.rawBody)).resource.trade_state).toBe(
      'SUCCESS',
    );
    await expect(h.pay.keys.refresh()).rejects.toMatchObject({ code: 'RESOURCE_NOT_EXISTS', httpStatus: 404 });
    // A platform-certificate-only merchant cannot verify these.
    const certOnly = createWechatPayAdapters(adapterConfig(h.sim, h.receiver.origin, 'platform_certificate'));
    expect((await rejection(certOnly.notifications.transaction(callback.headers, callback.rawBody))).reason).toBe(
      'UNKNOWN_SERIAL',
    );
  });

  it('during a switch picks the key by Wechatpay-Serial, accepting callbacks signed with either', async () => {
    h = await startHarness({ sim: { signingMode: 'both' }, keyMode: 'public_key' });
    h.receiver.respondWith(verifyingResponder((r) => h.pay.notifications.transaction(r.headers, r.rawBody)));
    for (let i = 0; i < 4; i++) await paidCallback(h);
    const serials = new Set(h.receiver.received.map((r) => r.headers['wechatpay-serial']));
    expect(serials).toEqual(new Set([h.sim.keys.platform.serial, h.sim.keys.wechatPayPublicKey.id]));
    await waitFor(
      () => h.sim.ledger.of('notification').filter((n) => n.outcome === 'delivered').length >= 4 || undefined,
    );
    expect(h.sim.ledger.of('notification').every((n) => n.outcome === 'delivered')).toBe(true);
  });

  it('rejects a ciphertext tampered under a valid signature: the GCM tag is checked', async () => {
    h = await startHarness();
    const callback = await paidCallback(h);
    const envelope = JSON.parse(callback.rawBody) as { resource: { ciphertext: string } };
    const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
    bytes[0] ^= 0x01;
    envelope.resource.ciphertext = bytes.toString('base64');
    const tampered = JSON.stringify(envelope);
    expect((await rejection(h.pay.notifications.transaction(resign(h, tampered), tampered))).reason).toBe(
      'DECRYPT_FAILED',
    );

    // Same plaintext encrypted under a different key with a forged tag: also refused.
    const resource = (JSON.parse(callback.rawBody) as { resource: { nonce: string; associated_data: string } })
      .resource;
    const cipher = createCipheriv('aes-256-gcm', randomBytes(32), Buffer.from(resource.nonce));
    cipher.setAAD(Buffer.from(resource.associated_data));
    const forged = Buffer.concat([
      cipher.update('{"trade_state":"SUCCESS"}'),
      cipher.final(),
      cipher.getAuthTag(),
    ]).toString('base64');
    const forgedBody = callback.rawBody.replace(/"ciphertext":"[^"]+"/, `"ciphertext":"${forged}"`);
    expect((await rejection(h.pay.notifications.transaction(resign(h, forgedBody), forgedBody))).reason).toBe(
      'DECRYPT_FAILED',
    );
  });

  it('rejects a stale timestamp at 300 s and accepts one just inside the window', async () => {
    h = await startHarness();
    const callback = await paidCallback(h);
    const now = Math.floor(Date.now() / 1000);
    expect(
      (await rejection(h.pay.notifications.transaction(resign(h, callback.rawBody, now - 300), callback.rawBody)))
        .reason,
    ).toBe('STALE_TIMESTAMP');
    expect(
      (await rejection(h.pay.notifications.transaction(resign(h, callback.rawBody, now + 301), callback.rawBody)))
        .reason,
    ).toBe('STALE_TIMESTAMP');
    await expect(
      h.pay.notifications.transaction(resign(h, callback.rawBody, now - 290), callback.rawBody),
    ).resolves.toBeDefined();
  });

  it('rejects a forged signature, a re-serialised body and an unknown serial', async () => {
    h = await startHarness();
    const callback = await paidCallback(h);
    const forged = { ...callback.headers, 'wechatpay-signature': randomBytes(256).toString('base64') };
    expect((await rejection(h.pay.notifications.transaction(forged, callback.rawBody))).reason).toBe('BAD_SIGNATURE');
    const reserialised = JSON.stringify(JSON.parse(callback.rawBody), null, 1);
    expect((await rejection(h.pay.notifications.transaction(callback.headers, reserialised))).reason).toBe(
      'BAD_SIGNATURE',
    );
    const unknown = { ...callback.headers, 'wechatpay-serial': 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' };
    expect((await rejection(h.pay.notifications.transaction(unknown, callback.rawBody))).reason).toBe('UNKNOWN_SERIAL');
  });

  it('rejects WeChat SIGNTEST probes', async () => {
    h = await startHarness();
    const rejections: unknown[] = [];
    h.receiver.respondWith(
      verifyingResponder((r) => h.pay.notifications.transaction(r.headers, r.rawBody), rejections),
    );
    const status = await h.sim.sendSignTestProbe(`${h.receiver.origin}${TX_PATH}`);
    expect(status).toBe(401);
    expect(rejections).toEqual([expect.objectContaining({ reason: 'SIGNTEST_PROBE' })]);
  });

  it('refuses a wrongly signed callback and accepts WeChat’s correctly signed retry', async () => {
    h = await startHarness();
    const rejections: unknown[] = [];
    h.receiver.respondWith(
      verifyingResponder((r) => h.pay.notifications.transaction(r.headers, r.rawBody), rejections),
    );
    h.sim.faults.setNotificationFault('bad_signature', { times: 1 });
    const outTradeNo = businessNo('BS');
    const { prepayId } = await h.pay.gateway.createJsapiOrder({
      outTradeNo,
      description: '天气险',
      amountFen: 100,
      openid,
    });
    h.sim.pay(prepayId, openid);
    await verifiedCallback(
      h,
      TX_PATH,
      (hd, b) => h.pay.notifications.transaction(hd, b),
      (t) => t.out_trade_no === outTradeNo,
    );
    expect(rejections).toEqual([expect.objectContaining({ reason: 'BAD_SIGNATURE' })]);
    const attempts = await waitFor(() => {
      const a = h.sim.ledger.of('notification');
      return a.some((n) => n.outcome === 'delivered') ? a : undefined;
    });
    expect(attempts.map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [0, 'failed', 401],
      [1, 'delivered', 204],
    ]);
  });
});
