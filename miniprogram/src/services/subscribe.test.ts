import { describe, expect, it } from '@jest/globals';
import { ok, sessionRoutes, stubApi } from '../../test/support/fake-api';
import { weappCalls, weappFakes } from '../../test/shims/taro';
import { loadAppConfig } from './app-config';
import { requestSubscription } from './subscribe';

describe('subscribe', () => {
  it('accepts through the simulator on H5 and reports the answer to the BFF', async () => {
    const api = stubApi({
      ...sessionRoutes(true),
      'POST /api/dev/sim/subscribe': () => ok({ ok: true }),
      'POST /api/v1/me/subscriptions': () => ({ status: 204 }),
    });
    await loadAppConfig();

    await expect(requestSubscription('tmpl-claim-approved')).resolves.toBe('accept');

    expect(api.callsTo('POST /api/dev/sim/subscribe')[0]?.body).toEqual({ templateIds: ['tmpl-claim-approved'] });
    expect(api.callsTo('POST /api/v1/me/subscriptions')[0]?.body).toEqual({
      templateId: 'tmpl-claim-approved',
      result: 'accept',
    });
  });

  it('asks wx.requestSubscribeMessage in the weapp and reports a refusal as such', async () => {
    process.env.TARO_ENV = 'weapp';
    weappFakes.requestSubscribeMessage = async () => ({
      'tmpl-claim-approved': 'reject',
      errMsg: 'requestSubscribeMessage:ok',
    });
    const api = stubApi({
      'POST /api/v1/auth/wechat-login': () => ok({ token: 't', expiresAt: '2099-01-01T00:00:00Z' }),
      'POST /api/v1/me/subscriptions': () => ({ status: 204 }),
    });

    await expect(requestSubscription('tmpl-claim-approved')).resolves.toBe('reject');

    expect(weappCalls[0]).toEqual({ api: 'requestSubscribeMessage', option: { tmplIds: ['tmpl-claim-approved'] } });
    expect(api.callsTo('POST /api/v1/me/subscriptions')[0]?.body).toEqual({
      templateId: 'tmpl-claim-approved',
      result: 'reject',
    });
  });
});
