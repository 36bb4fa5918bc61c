import { describe, expect, it } from '@jest/globals';
import { anOrder } from '../../test/support/purchase.builder';
import { ok, sessionRoutes, stubApi } from '../../test/support/fake-api';
import { weappCalls, weappFakes } from '../../test/shims/taro';
import { ApiError } from './api-error';
import { payOrder } from './pay';

describe('pay', () => {
  it('pays through the simulator on H5 when the deployment runs on it, and claims no more than "submitted"', async () => {
    const api = stubApi({ ...sessionRoutes(true), 'POST /api/dev/sim/pay': () => ok({ ok: true }) });

    await expect(payOrder(anOrder())).resolves.toEqual({ kind: 'submitted' });

    const [pay] = api.callsTo('POST /api/dev/sim/pay');
    expect(pay?.body).toEqual({ prepayId: 'wx201410272009395522657a690389285100' });
    expect(pay?.headers.Authorization).toBe('Bearer token-1');
  });

  it('refuses honestly on H5 without the simulator and never calls a pay endpoint', async () => {
    const api = stubApi({ ...sessionRoutes(false), 'POST /api/dev/sim/pay': () => ok({ ok: true }) });

    const error = await payOrder(anOrder()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('WECHAT_REQUIRED');
    expect(api.callsTo('POST /api/dev/sim/pay')).toHaveLength(0);
  });

  it('opens wx.requestPayment with the signed parameters in the weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    const api = stubApi({});
    const order = anOrder();

    await expect(payOrder(order)).resolves.toEqual({ kind: 'submitted' });

    expect(weappCalls).toEqual([
      {
        api: 'requestPayment',
        option: {
          timeStamp: '1764500000',
          nonceStr: 'nonce-1',
          package: 'prepay_id=wx201410272009395522657a690389285100',
          signType: 'RSA',
          paySign: 'c2lnbmF0dXJl',
        },
      },
    ]);
    expect(api.calls).toHaveLength(0);
  });

  it('tells a closed payment sheet apart from a failure in the weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    weappFakes.requestPayment = () => Promise.reject({ errMsg: 'requestPayment:fail cancel' });
    await expect(payOrder(anOrder())).resolves.toEqual({ kind: 'cancelled' });

    weappFakes.requestPayment = () => Promise.reject({ errMsg: 'requestPayment:fail system error' });
    await expect(payOrder(anOrder())).rejects.toMatchObject({ code: 'PAYMENT_FAILED' });
  });
});
