import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../index.js';

/** The phone's stand-ins over plain HTTP, as the H5 dev build uses them. */
describe('simulator dev endpoints', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sim.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('mints one-time login codes that jscode2session accepts once', async () => {
    const { body } = await post('/__sim/login', { openid: 'oDev00000000000000000000001' });
    const q = new URLSearchParams({
      appid: sim.keys.appid,
      secret: sim.keys.appSecret,
      js_code: body.code,
      grant_type: 'authorization_code',
    });
    const first = (await (await fetch(`${sim.origin}/sns/jscode2session?${q}`)).json()) as Record<string, unknown>;
    const second = (await (await fetch(`${sim.origin}/sns/jscode2session?${q}`)).json()) as Record<string, unknown>;
    expect(first.openid).toBe('oDev00000000000000000000001');
    expect(second).toMatchObject({ errcode: 40029 });
  });

  it('refuses unsigned WeChat Pay calls with 401 SIGN_ERROR, signed', async () => {
    const response = await fetch(`${sim.origin}/v3/pay/transactions/jsapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'SIGN_ERROR' });
    expect(response.headers.get('wechatpay-signature')).toBeTruthy();
  });

  it('arms faults and reports them, rejects unknown endpoints, and exposes the ledger and dev config', async () => {
    expect(
      (await post('/__sim/faults', { endpoint: 'transfer.create', fault: { kind: 'not_enough' }, times: 2 })).body,
    ).toMatchObject({ endpoints: { 'transfer.create': { kind: 'not_enough', remaining: 2 } } });
    expect((await post('/__sim/faults', { endpoint: 'nope', fault: { kind: 'not_enough' } })).status).toBe(400);
    expect((await post('/__sim/faults', { notification: 'duplicate' })).body).toMatchObject({
      notification: 'duplicate',
    });
    await fetch(`${sim.origin}/__sim/faults`, { method: 'DELETE' });
    expect(sim.faults.describe()).toEqual({ endpoints: {} });
    const ledger = (await (await fetch(`${sim.origin}/__sim/ledger?kind=payment`)).json()) as { entries: unknown[] };
    expect(ledger.entries).toEqual([]);
    const config = (await (await fetch(`${sim.origin}/__sim/dev-config`)).json()) as Record<string, string>;
    expect(config).toMatchObject({
      WECHATPAY_ORIGIN: sim.origin,
      WECHATPAY_MCHID: sim.keys.mchid,
      WECHATPAY_PUBLIC_KEY_ID: expect.stringMatching(/^PUB_KEY_ID_/),
    });
  });

  it('answers 400 for an unknown prepay or package', async () => {
    expect((await post('/__sim/pay', { prepayId: 'wxnope' })).status).toBe(404);
    expect((await post('/__sim/transfers/confirm', { package: 'nope', openid: 'o1' })).status).toBe(400);
  });
});
