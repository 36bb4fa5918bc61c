import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '@xiaoan/shared';
import { newCustomer } from '../support/customer.js';
import { makePrincipals, routeTable, type Principals } from '../support/principals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may call what. Every route the app serves × every kind of caller → the expected answer.
 *
 * The route list is read from the running app; a route with no line in ROUTES fails the first test,
 * so a new route cannot ship without its line here. One line per route: `'METHOD /api/path/:param': access`.
 */
type Principal =
  | 'none'
  | 'garbage'
  | 'expiredCustomer'
  | 'expiredStaff'
  | 'owner'
  | 'otherCustomer'
  | 'admin'
  | 'support'
  | 'marketing';

const PRINCIPALS: readonly Principal[] = [
  'none',
  'garbage',
  'expiredCustomer',
  'expiredStaff',
  'owner',
  'otherCustomer',
  'admin',
  'support',
  'marketing',
];

/**
 * What a caller gets: a status, or `pass` = the guards let it through to the handler (whose answer
 * to the matrix's empty body may be 2xx or a 4xx of its own, but never 401/403 and never 5xx).
 */
type Expected = number | 'pass';
type Access = Readonly<Record<Principal, Expected>>;

const everyone = (expected: Expected): Access =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, expected])) as unknown as Access;

/** No authentication: the same for everybody. */
const PUBLIC = everyone('pass');
/** Signed by a data feed: a bearer token of any kind changes nothing, the missing signature is refused. */
const SIGNED = everyone(401);
/** Signed by WeChat Pay: as SIGNED, but answered in WeChat Pay's own reply format `{code: 'FAIL', message}`. */
const WECHATPAY_SIGNED: Access = everyone(401);
/** A customer session; staff tokens are not customer sessions. */
const CUSTOMER: Access = { ...everyone(401), owner: 'pass', otherCustomer: 'pass' };
/** A customer's own resource, addressed by its id: another customer is told it does not exist. */
const OWNED: Access = { ...CUSTOMER, otherCustomer: 404 };
/** Staff with one of `roles` (admin always); customers' tokens are not staff sessions; other roles get 403. */
const staff = (...roles: ('support' | 'marketing')[]): Access => ({
  ...everyone(401),
  admin: 'pass',
  support: roles.includes('support') ? 'pass' : 403,
  marketing: roles.includes('marketing') ? 'pass' : 403,
});

const ROUTES: Record<string, Access> = {
  'GET /api/health': PUBLIC,
  'GET /api/v1/app-config': PUBLIC,
  'GET /api/v1/products': PUBLIC,
  'GET /api/v1/flights': PUBLIC,
  'GET /api/v1/weather/places': PUBLIC,
  'GET /api/v1/policies/verify': PUBLIC,
  'POST /api/v1/auth/wechat-login': PUBLIC,
  'POST /api/v1/staff/auth/login': PUBLIC,
  'POST /api/v1/quotes': CUSTOMER,
  'POST /api/v1/orders': CUSTOMER,
  'GET /api/v1/orders/:id': OWNED,
  'POST /api/v1/orders/:id/trail': OWNED,
  'GET /api/v1/policies': CUSTOMER,
  'GET /api/v1/policies/:policyNo': OWNED,
  'GET /api/v1/policies/:policyNo/document': OWNED,
  'GET /api/v1/claims': CUSTOMER,
  'GET /api/v1/claims/:id': CUSTOMER,
  'POST /api/v1/claims/:id/collect': CUSTOMER,
  'POST /api/v1/me/subscriptions': CUSTOMER,
  'GET /api/v1/campaigns/current': PUBLIC,
  'GET /api/v1/campaigns/me/invite': CUSTOMER,
  'GET /api/v1/campaigns/me/invites': CUSTOMER,
  'POST /api/v1/campaigns/actions': CUSTOMER,
  'POST /api/v1/campaigns/rewards/:id/collect': CUSTOMER,
  'GET /api/v1/campaigns/me/helpers': CUSTOMER,
  'POST /api/v1/campaigns/card-opens': PUBLIC,
  'GET /api/v1/campaigns/posters/:file': PUBLIC,
  // Campaigns: marketing drafts and submits; an admin approves, pauses, resumes, ends and reviews held rewards.
  'GET /api/v1/staff/campaigns': staff('marketing'),
  'POST /api/v1/staff/campaigns': staff('marketing'),
  'GET /api/v1/staff/campaigns/:id': staff('marketing'),
  'GET /api/v1/staff/campaigns/:id/analytics': staff('marketing'),
  'GET /api/v1/staff/campaigns/:id/analytics.csv': staff('marketing'),
  'GET /api/v1/staff/campaigns/:id/versions': staff('marketing'),
  'PUT /api/v1/staff/campaigns/:id': staff('marketing'),
  'POST /api/v1/staff/campaigns/:id/submit': staff('marketing'),
  'POST /api/v1/staff/campaigns/:id/review': staff(),
  'POST /api/v1/staff/campaigns/:id/pause': staff(),
  'POST /api/v1/staff/campaigns/:id/resume': staff(),
  'POST /api/v1/staff/campaigns/:id/end': staff(),
  'GET /api/v1/staff/campaign-rewards/review': staff(),
  'POST /api/v1/staff/campaign-rewards/:id/review': staff(),
  'GET /api/v1/support/conversation': CUSTOMER,
  'POST /api/v1/support/rating': CUSTOMER,
  'POST /api/v1/support/messages': CUSTOMER,
  'GET /api/v1/wechat/cs-push': SIGNED,
  'POST /api/v1/wechat/cs-push': SIGNED,
  'POST /api/dev/sim/cs-messages': CUSTOMER,
  // Staff: any signed-in member (their own profile, password, sign-out).
  'GET /api/v1/staff/me': staff('support', 'marketing'),
  'POST /api/v1/staff/auth/logout': staff('support', 'marketing'),
  'POST /api/v1/staff/auth/password': staff('support', 'marketing'),
  // Staff accounts and the audit log: admin only.
  'GET /api/v1/staff/users': staff(),
  'GET /api/v1/staff/users/:id': staff(),
  'POST /api/v1/staff/users': staff(),
  'PUT /api/v1/staff/users/:id/roles': staff(),
  'POST /api/v1/staff/users/:id/disable': staff(),
  'POST /api/v1/staff/users/:id/enable': staff(),
  'POST /api/v1/staff/users/:id/reset-password': staff(),
  'GET /api/v1/staff/audit-log': staff(),
  'GET /api/v1/staff/dashboard': staff(),
  'GET /api/v1/staff/dashboard/products': staff('support', 'marketing'),
  // The support desk: customers, sales trails, policies, payouts.
  'GET /api/v1/staff/support/customers': staff('support'),
  'GET /api/v1/staff/support/customers/:customerId': staff('support'),
  'POST /api/v1/staff/support/customers/:customerId/reveal': staff('support'),
  'GET /api/v1/staff/support/policies/:policyNo/replay': staff('support'),
  'GET /api/v1/staff/support/policies/:policyNo/document': staff('support'),
  'POST /api/v1/staff/support/policies/:policyNo/cancel': staff('support'),
  'POST /api/v1/staff/support/claims/:claimId/reoffer': staff('support'),
  // The customer-service inbox and complaints.
  'GET /api/v1/staff/support/conversations': staff('support'),
  'GET /api/v1/staff/support/conversations/:id': staff('support'),
  'GET /api/v1/staff/support/conversations/:id/context': staff('support'),
  'PATCH /api/v1/staff/support/conversations/:id': staff('support'),
  'POST /api/v1/staff/support/conversations/:id/assign': staff('support'),
  'POST /api/v1/staff/support/conversations/:id/replies': staff('support'),
  'POST /api/v1/staff/support/conversations/:id/fallback': staff('support'),
  'POST /api/v1/staff/support/conversations/:id/notes': staff('support'),
  'POST /api/v1/staff/support/conversations/:id/complaint': staff('support'),
  'GET /api/v1/staff/support/canned-replies': staff('support'),
  'POST /api/v1/staff/support/canned-replies': staff(),
  'GET /api/v1/staff/support/complaints': staff('support'),
  'GET /api/v1/staff/support/complaints/reminders': staff('support'),
  'GET /api/v1/staff/support/complaints/:id': staff('support'),
  'POST /api/v1/staff/support/complaints/:id/extension': staff('support'),
  'POST /api/v1/staff/support/complaints/:id/outcome': staff('support'),
  'GET /api/v1/staff/support/sla': staff('support'),
  'GET /api/v1/me/consents': CUSTOMER,
  'POST /api/v1/me/consents': CUSTOMER,
  // 常用被保险人: the customer's own list; a saved person of someone else's answers as unknown (404).
  'GET /api/v1/me/insureds': CUSTOMER,
  'DELETE /api/v1/me/insureds/:id': CUSTOMER,
  'POST /api/v1/me/phone-number': CUSTOMER,
  'GET /api/v1/orders': CUSTOMER,
  'POST /api/v1/orders/:id/payment': OWNED,
  'POST /api/v1/policies/:policyNo/cancel': OWNED,
  'GET /api/v1/staff/claims': staff('support'),
  'GET /api/v1/staff/claims/:id': staff('support'),
  'POST /api/v1/staff/claims/:id/decision': staff('support'),
  'GET /api/v1/staff/weather-flags': staff('support'),
  'POST /api/v1/staff/weather-flags/:id/resolve': staff('support'),
  'GET /api/v1/staff/payment-mismatches': staff('support'),
  'GET /api/v1/staff/payout-problems': staff('support'),
  'GET /api/v1/staff/pricing/loss-ratios': staff('support'),
  'GET /api/v1/staff/pricing/route-stop-sales': staff('support'),
  'POST /api/v1/staff/pricing/route-stop-sales': staff('support'),
  'POST /api/v1/staff/pricing/route-stop-sales/:id/lift': staff('support'),
  'POST /api/v1/wechatpay/notify/transaction': WECHATPAY_SIGNED,
  'POST /api/v1/wechatpay/notify/refund': WECHATPAY_SIGNED,
  'POST /api/v1/wechatpay/notify/transfer': WECHATPAY_SIGNED,
  'POST /api/v1/feeds/flight-status': SIGNED,
  'POST /api/v1/feeds/weather': SIGNED,
  // Development only (registered while the simulator runs): the H5 build's stand-ins for the phone.
  'POST /api/dev/sim/login-code': PUBLIC,
  'POST /api/dev/sim/phone-code': CUSTOMER,
  'POST /api/dev/sim/pay': CUSTOMER,
  'POST /api/dev/sim/confirm-transfer': CUSTOMER,
  'POST /api/dev/sim/subscribe': CUSTOMER,
  'POST /api/dev/sim/flights/land-late': PUBLIC,
  'GET /api/dev/sim/clock': PUBLIC,
  'POST /api/dev/sim/clock': PUBLIC,
  'POST /api/dev/sim/weather/hot-days': PUBLIC,
  'POST /api/dev/sim/weather/rain': PUBLIC,
};

/** Routes whose guards sit behind a valid body (validation first): the matrix sends them this one. */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/orders/:id/trail': {
    events: [{ type: 'payment_started', page: 'packages/buy/pay/index', at: new Date().toISOString() }],
  },
};

/** The codes a refusal must carry, by status. */
const REFUSAL_CODES: Record<number, string[]> = {
  401: [
    'UNAUTHENTICATED',
    'STAFF_UNAUTHENTICATED',
    'NOTIFY_SIGNATURE_INVALID',
    'FEED_SIGNATURE_INVALID',
    'CS_PUSH_SIGNATURE_INVALID',
  ],
  403: ['STAFF_ROLE_FORBIDDEN', 'FORBIDDEN'],
  404: ['ORDER_NOT_FOUND', 'POLICY_NOT_FOUND', 'CLAIM_NOT_FOUND', 'NOT_FOUND'],
};

describe('authorisation matrix: every route × every kind of caller', () => {
  let testApp: TestApp;
  let principals: Principals;
  let routes: string[];

  beforeAll(async () => {
    testApp = await startTestApp();
    principals = await makePrincipals(testApp, newCustomer);
    routes = routeTable(testApp.app);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const tokenOf = (principal: Principal): string | undefined => {
    switch (principal) {
      case 'none':
        return undefined;
      case 'garbage':
        return 'garbage-token-0123456789abcdefghijklmnop';
      case 'owner':
        return principals.owner.token;
      default:
        return principals[principal].token;
    }
  };

  /** Path parameters filled with the owner's real order and policy; other ids are well-formed but unknown. */
  const concrete = (path: string): string =>
    path
      .replace(/^(\/api\/v1\/orders\/):id/, `$1${principals.owner.orderId}`)
      .replace(':policyNo', principals.owner.policyNo)
      .replace(/:[A-Za-z]+/g, () => randomUUID());

  it('has a line for every route the app serves, and no line for a route it does not serve', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect({ missingFromTable: routes.filter((route) => !(route in ROUTES)) }).toEqual({ missingFromTable: [] });
    expect({ notServed: Object.keys(ROUTES).filter((route) => !routes.includes(route)) }).toEqual({ notServed: [] });
  });

  it('answers every route and caller as the table says, with the error envelope on every refusal', async () => {
    const mismatches: string[] = [];
    // Signing out ends the callers' sessions: try it after every other route.
    const SIGN_OUT = 'POST /api/v1/staff/auth/logout';
    for (const route of [
      ...routes.filter((route) => route !== SIGN_OUT),
      ...routes.filter((route) => route === SIGN_OUT),
    ]) {
      const access = ROUTES[route];
      if (!access) continue;
      const [method, path] = route.split(' ') as [string, string];
      for (const principal of PRINCIPALS) {
        const token = tokenOf(principal);
        const response = await fetch(`${testApp.baseUrl}${concrete(path)}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          ...(method === 'GET' ? {} : { body: JSON.stringify(BODIES[route] ?? {}) }),
        });
        const text = await response.text();
        const body = (() => {
          try {
            return JSON.parse(text) as { code?: string; requestId?: string };
          } catch {
            return {};
          }
        })();
        const expected = access[principal];
        const status = response.status;
        const wechatPayReply = access === WECHATPAY_SIGNED;
        const codeOk = wechatPayReply ? body.code === 'FAIL' : (REFUSAL_CODES[status] ?? []).includes(body.code ?? '');
        const ok =
          expected === 'pass' ? status !== 401 && status !== 403 && status < 500 : status === expected && codeOk;
        const envelopeOk =
          status < 400 ||
          wechatPayReply ||
          (typeof body.code === 'string' && body.code in ERROR_CODES && typeof body.requestId === 'string');
        if (!ok || !envelopeOk)
          mismatches.push(`${route} as ${principal}: expected ${expected}, got ${status} ${text.slice(0, 160)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every route × every caller: well under a minute on a quiet machine, minutes on a busy one.
  }, 300_000);

  it('lets the owner read their own order and policy (the 404 for the other customer is about ownership, not the id)', async () => {
    for (const path of [
      `/api/v1/orders/${principals.owner.orderId}`,
      `/api/v1/policies/${principals.owner.policyNo}`,
    ]) {
      const response = await fetch(`${testApp.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${principals.owner.token}` },
      });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });
});
