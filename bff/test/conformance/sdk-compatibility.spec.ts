import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { businessNo, startHarness, type Harness } from './support/conformance-harness.js';

/** The unmodified wechatpay-node-v3 SDK, pointed at the simulator only through its createHttp transport. */
describe('wechatpay-node-v3 against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('downloads and decrypts the platform certificate with get_certificates', async () => {
    const certificates = await h.pay.sdk.get_certificates(h.config.apiV3Key);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({
      serial_no: h.sim.keys.platform.serial,
      encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'certificate' },
    });
    expect((certificates[0] as unknown as { publicKey: string }).publicKey).toContain('BEGIN PUBLIC KEY');
  });

  it('verifies a simulator notification with verifySign, and refuses a changed body', async () => {
    const openid = 'oSdk000000000000000000001';
    const { prepayId } = await h.pay.gateway.createJsapiOrder({
      outTradeNo: businessNo('SDK'),
      description: '天气险',
      amountFen: 100,
      openid,
    });
    h.sim.pay(prepayId, openid);
    const callback = await h.receiver.next((r) => r.path.endsWith('/transaction'));
    const params = {
      timestamp: String(callback.headers['wechatpay-timestamp']),
      nonce: String(callback.headers['wechatpay-nonce']),
      serial: String(callback.headers['wechatpay-serial']),
      signature: String(callback.headers['wechatpay-signature']),
      apiSecret: h.config.apiV3Key,
    };
    await expect(h.pay.sdk.verifySign({ ...params, body: callback.rawBody })).resolves.toBe(true);
    await expect(
      h.pay.sdk.verifySign({
        ...params,
        body: callback.rawBody.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.FAILED"'),
      }),
    ).resolves.toBe(false);
  });

  it('has its own Authorization refused with 401 SIGN_ERROR when the timestamp is more than 5 minutes old', async () => {
    const path = `/v3/pay/transactions/out-trade-no/${businessNo('OLD')}?mchid=${h.config.mchid}`;
    const send = async (timestamp: number) => {
      const nonce = 'N0nce0123456789';
      const signature = h.pay.sdk.getSignature('GET', nonce, String(timestamp), path);
      const authorization = h.pay.sdk.getAuthorization(nonce, String(timestamp), signature);
      const response = await fetch(`${h.sim.origin}${path}`, {
        headers: { Authorization: authorization, Accept: 'application/json' },
      });
      return { status: response.status, body: (await response.json()) as { code: string } };
    };
    const now = Math.floor(Date.now() / 1000);
    expect(await send(now - 301)).toEqual({ status: 401, body: expect.objectContaining({ code: 'SIGN_ERROR' }) });
    expect(await send(now - 200)).toEqual({ status: 404, body: expect.objectContaining({ code: 'ORDER_NOT_EXIST' }) });
    const missing = await fetch(`${h.sim.origin}${path}`);
    expect(missing.status).toBe(401);
  });
});
