import { describe, expect, it } from '@jest/globals';
import { ok, sessionRoutes, stubApi } from '../../test/support/fake-api';
import { storage, weappCalls } from '../../test/shims/taro';
import { ApiError } from './api-error';
import { DEVICE_ID_STORAGE_KEY } from './device-id';
import { clearSession, DEV_OPENID_STORAGE_KEY, ensureSession, renewSession, SESSION_STORAGE_KEY } from './session';

describe('session', () => {
  it('logs in on H5 with a code from the simulator and keeps only the token', async () => {
    const api = stubApi(sessionRoutes(true));

    await expect(ensureSession()).resolves.toBe('token-1');

    expect(api.callsTo('POST /api/v1/auth/wechat-login')[0]?.body).toEqual({ code: 'sim-code-1' });
    // Beside the token: the simulated user's openid and the install's random device id (sent with
    // every request since issue 12), nothing of the user's own.
    expect([...storage.keys()].filter((key) => key !== 'xiaoan.salesTrail').sort()).toEqual(
      [DEV_OPENID_STORAGE_KEY, DEVICE_ID_STORAGE_KEY, SESSION_STORAGE_KEY].sort(),
    );
    expect(storage.get(SESSION_STORAGE_KEY)).toEqual({ token: 'token-1', expiresAt: '2099-01-01T00:00:00+08:00' });
  });

  it('comes back as the same simulated user on H5 after the token is lost', async () => {
    const api = stubApi(sessionRoutes(true));

    await ensureSession();
    clearSession();
    await ensureSession();
    await renewSession();

    const sent = api.callsTo('POST /api/dev/sim/login-code').map((call) => call.body as { openid?: string });
    expect(sent).toHaveLength(3);
    const openid = sent[0]?.openid ?? '';
    expect(openid).toMatch(/^dev_[A-Za-z0-9_-]{2,60}$/);
    expect(sent.map((body) => body.openid)).toEqual([openid, openid, openid]);
    expect(storage.get(DEV_OPENID_STORAGE_KEY)).toBe(openid);
  });

  it('replaces a stored dev openid the simulator would not accept', async () => {
    storage.set(DEV_OPENID_STORAGE_KEY, 'bad id!');
    const api = stubApi(sessionRoutes(true));

    await ensureSession();

    const openid = (api.callsTo('POST /api/dev/sim/login-code')[0]?.body as { openid: string }).openid;
    expect(openid).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    expect(storage.get(DEV_OPENID_STORAGE_KEY)).toBe(openid);
  });

  it('reuses a stored token that has not expired', async () => {
    storage.set(SESSION_STORAGE_KEY, { token: 'kept', expiresAt: '2099-01-01T00:00:00+08:00' });
    const api = stubApi(sessionRoutes(true));

    await expect(ensureSession()).resolves.toBe('kept');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses to log in on H5 without the simulator, saying to open WeChat', async () => {
    const api = stubApi(sessionRoutes(false));

    const error = await ensureSession().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('WECHAT_REQUIRED');
    expect((error as ApiError).message).toBe('请在微信中打开小安保险小程序完成此操作');
    expect(api.callsTo('POST /api/dev/sim/login-code')).toHaveLength(0);
    expect(api.callsTo('POST /api/v1/auth/wechat-login')).toHaveLength(0);
  });

  it('logs in with wx.login in the weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    const api = stubApi({
      'POST /api/v1/auth/wechat-login': () => ok({ token: 't-wx', expiresAt: '2099-01-01T00:00:00Z' }),
    });

    await expect(ensureSession()).resolves.toBe('t-wx');

    expect(weappCalls.map((call) => call.api)).toEqual(['login']);
    expect(storage.has(DEV_OPENID_STORAGE_KEY)).toBe(false);
    expect(api.callsTo('POST /api/v1/auth/wechat-login')[0]?.body).toEqual({ code: 'wx-code-1' });
  });
});
