import { errorEnvelope, stubFetch, type FakeResponse } from './fake-fetch';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

type RouteHandler = (call: ApiCall) => FakeResponse | Error | Promise<FakeResponse | Error>;

/**
 * A BFF stand-in over the stubbed `fetch`: routes are `'METHOD /path'` (path without the query),
 * an unknown route answers 404 ROUTE_NOT_FOUND like the BFF does. Every call is recorded, with
 * its parsed JSON body and headers, so a test can check what the app sent.
 */
export const stubApi = (routes: Record<string, RouteHandler>) => {
  const calls: ApiCall[] = [];
  const fetchMock = stubFetch((url, init) => {
    const parsed = new URL(url, 'http://app.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const call: ApiCall = {
      method,
      path: parsed.pathname,
      query: parsed.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: { ...(init?.headers as Record<string, string> | undefined) },
    };
    calls.push(call);
    const handler = routes[`${method} ${parsed.pathname}`];
    if (!handler) return { status: 404, body: errorEnvelope('ROUTE_NOT_FOUND', '接口不存在') };
    return handler(call);
  });
  const callsTo = (route: string) => calls.filter((call) => `${call.method} ${call.path}` === route);
  return { calls, callsTo, fetchMock };
};

export const ok = (body: unknown): FakeResponse => ({ status: 200, body });
export const fail = (status: number, code: string, message: string, details?: unknown): FakeResponse => ({
  status,
  body: { ...errorEnvelope(code, message), ...(details === undefined ? {} : { details }) },
});

/** The app config and login every consumer flow starts with (simulator on). */
export const sessionRoutes = (simulator = true): Record<string, RouteHandler> => ({
  'GET /api/v1/app-config': () => ok({ simulator, subscribeTemplates: { claimApproved: 'tmpl-claim-approved' } }),
  'POST /api/dev/sim/login-code': () => ok({ code: 'sim-code-1', openid: 'oDev0001' }),
  'POST /api/v1/auth/wechat-login': () => ok({ token: 'token-1', expiresAt: '2099-01-01T00:00:00+08:00' }),
  'POST /api/v1/me/consents': () => ok({ items: [], current: { privacy: '2026-12-01', terms: '2026-12-01' } }),
});
