import { describe, expect, it } from '@jest/globals';
import { productListResponseSchema } from '@xiaoan/shared';
import { theCatalogue } from '../../test/support/product.builder';
import { fail, ok, sessionRoutes, stubApi } from '../../test/support/fake-api';
import { errorEnvelope, stubFetch, stubFetchSequence } from '../../test/support/fake-fetch';
import { storage } from '../../test/shims/taro';
import { z } from 'zod';
import { ApiError } from './api-error';
import { request } from './http';

const listProducts = () => request(productListResponseSchema, '/api/v1/products');

const rejection = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
};

describe('http request', () => {
  it('calls the same origin in H5 and returns the body parsed by the contract', async () => {
    const fetchMock = stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));

    const body = await listProducts();

    expect(body.items.map((p) => p.code)).toEqual(['FD120', 'FD60', 'HEAT37', 'RAIN']);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/products');
  });

  it('turns the error envelope into an ApiError carrying code, message and request id', async () => {
    stubFetchSequence({
      status: 404,
      body: errorEnvelope('PRODUCT_NOT_FOUND', '该保险产品不存在或已下架', 'req-42'),
    });

    const error = await rejection(listProducts());

    expect(error.code).toBe('PRODUCT_NOT_FOUND');
    expect(error.message).toBe('该保险产品不存在或已下架');
    expect(error.requestId).toBe('req-42');
    expect(error.status).toBe(404);
  });

  it('rejects a 2xx answer that does not match the contract', async () => {
    const broken = { items: [{ ...theCatalogue()[0], fromPremiumFen: 25.5 }] };
    stubFetchSequence({ status: 200, body: broken, headers: { 'X-Request-Id': 'req-7' } });

    const error = await rejection(listProducts());

    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toBe('服务返回的数据有误，请稍后再试');
    expect(error.requestId).toBe('req-7');
  });

  it('reports a network failure as NETWORK_ERROR with a message for the customer', async () => {
    stubFetchSequence(new TypeError('Failed to fetch'));

    const error = await rejection(listProducts());

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe('网络不给力，请检查网络后重试');
    expect(error.status).toBe(0);
  });

  it('answers a gateway error without an envelope with the catalogue message', async () => {
    stubFetchSequence({ status: 502, body: undefined });

    const error = await rejection(listProducts());

    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('服务暂时不可用，请稍后再试');
  });

  describe('consumer endpoints', () => {
    const listPolicies = () => request(z.unknown(), '/api/v1/policies', { auth: true });

    it('logs in first when there is no session and sends the bearer token', async () => {
      const api = stubApi({ ...sessionRoutes(), 'GET /api/v1/policies': () => ok({ items: [] }) });

      await listPolicies();

      expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        'GET /api/v1/app-config',
        'POST /api/dev/sim/login-code',
        'POST /api/v1/auth/wechat-login',
        'GET /api/v1/policies',
      ]);
      expect(api.callsTo('GET /api/v1/policies')[0]?.headers.Authorization).toBe('Bearer token-1');
    });

    it('logs in again and retries once when the token is refused as UNAUTHENTICATED', async () => {
      storage.set('xiaoan.session', { token: 'stale', expiresAt: '2099-01-01T00:00:00Z' });
      const api = stubApi({
        ...sessionRoutes(),
        'GET /api/v1/policies': (call) =>
          call.headers.Authorization === 'Bearer token-1'
            ? ok({ items: [] })
            : fail(401, 'UNAUTHENTICATED', '登录已失效，请重新登录'),
      });

      await expect(listPolicies()).resolves.toEqual({ items: [] });

      expect(api.callsTo('GET /api/v1/policies').map((call) => call.headers.Authorization)).toEqual([
        'Bearer stale',
        'Bearer token-1',
      ]);
    });

    it('gives up after one retry', async () => {
      const api = stubApi({
        ...sessionRoutes(),
        'GET /api/v1/policies': () => fail(401, 'UNAUTHENTICATED', '登录已失效，请重新登录'),
      });

      const error = await rejection(listPolicies());

      expect(error.code).toBe('UNAUTHENTICATED');
      expect(api.callsTo('GET /api/v1/policies')).toHaveLength(2);
      expect(api.callsTo('POST /api/v1/auth/wechat-login')).toHaveLength(2);
    });
  });

  describe('device id', () => {
    const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

    it('sends one x-device-id on every request, anonymous or logged in, made once and kept in storage', async () => {
      const api = stubApi({
        ...sessionRoutes(),
        'GET /api/v1/products': () => ok({ items: theCatalogue() }),
        'GET /api/v1/policies': () => ok({ items: [] }),
      });

      await listProducts();
      await request(z.unknown(), '/api/v1/policies', { auth: true });

      const sent = api.calls.map((call) => call.headers['x-device-id']);
      expect(sent.length).toBeGreaterThanOrEqual(4);
      const first = sent[0]!;
      expect(first).toMatch(DEVICE_ID);
      expect(new Set(sent)).toEqual(new Set([first]));
      expect(storage.get('xiaoan.deviceId')).toBe(first);
    });

    it('keeps the stored id across launches instead of making a new one', async () => {
      storage.set('xiaoan.deviceId', 'd-kept-from-last-launch');
      const api = stubApi({ 'GET /api/v1/products': () => ok({ items: theCatalogue() }) });

      await listProducts();
      await listProducts();

      expect(api.calls.map((call) => call.headers['x-device-id'])).toEqual([
        'd-kept-from-last-launch',
        'd-kept-from-last-launch',
      ]);
    });

    it('replaces a stored value the BFF would refuse', async () => {
      storage.set('xiaoan.deviceId', 'bad id!');
      const api = stubApi({ 'GET /api/v1/products': () => ok({ items: theCatalogue() }) });

      await listProducts();

      const sent = api.calls[0]?.headers['x-device-id'];
      expect(sent).toMatch(DEVICE_ID);
      expect(sent).not.toBe('bad id!');
      expect(storage.get('xiaoan.deviceId')).toBe(sent);
    });
  });
});
