import { randomUUID } from 'node:crypto';
import { beijingDateOf, isValidIdNumber, idNumberCheckChar, type Order, type Quote } from '@xiaoan/shared';
import type { TestApp } from './test-app.js';

/** A valid, unique-enough PRC ID number for tests: region 110105, a 1990s birthday, a checksum. */
export const makeIdNumber = (seed = Math.floor(Math.random() * 1e7)): string => {
  const day = String((seed % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(seed / 28) % 12) + 1).padStart(2, '0');
  const year = 1960 + (Math.floor(seed / 336) % 40);
  const sequence = String(Math.floor(seed / 13440) % 1000).padStart(3, '0');
  const first17 = `110105${year}${month}${day}${sequence}`;
  const id = first17 + idNumberCheckChar(first17);
  if (!isValidIdNumber(id)) throw new Error(`generated an invalid ID ${id}`);
  return id;
};

/** The Beijing date `days` from now, `YYYY-MM-DD`. */
export const beijingDateIn = (days: number, from = new Date()): string =>
  beijingDateOf(new Date(from.getTime() + days * 86_400_000));

export interface TestCustomer {
  token: string;
  openid: string;
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  quote(
    input?: Partial<{ productCode: string; flightNo: string; flightDate: string; payoutTier: number }>,
  ): Promise<Quote>;
  /** `extra` goes into the request body as well: companions (RAIN's other persons), saveInsured. */
  order(
    quote: Quote,
    insured?:
      | Partial<{ name: string; idNumber: string; phone: string; idType: string; relationship: string }>
      | { savedId: string },
    key?: string,
    extra?: Record<string, unknown>,
  ): Promise<{ status: number; body: Order & { code?: string } }>;
  /** The user pays in the simulator (wx.requestPayment); the simulator then notifies the BFF. */
  pay(order: Order): void;
  waitForOrder(orderId: string, statuses: string[], timeoutMs?: number): Promise<Order>;
}

/** A WeChat user of the mini-program, logged in through the simulator. */
export const newCustomer = async (testApp: TestApp, openid?: string): Promise<TestCustomer> => {
  const { code, openid: resolvedOpenid } = testApp.sim.mintLoginCode(openid ? { openid } : {});
  const login = await fetch(`${testApp.baseUrl}/api/v1/auth/wechat-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${testApp.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const customer: TestCustomer = {
    token,
    openid: resolvedOpenid,
    api,
    async quote(input = {}) {
      const response = await api<Quote & { code?: string }>('POST', '/api/v1/quotes', {
        productCode: 'FD120',
        flightNo: 'MU5101',
        flightDate: beijingDateIn(5),
        payoutTier: 20000,
        ...input,
      });
      if (response.status !== 201) throw new Error(`quote failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    order(quote, insured = {}, key = randomUUID(), extra = {}) {
      return api<Order & { code?: string }>(
        'POST',
        '/api/v1/orders',
        {
          quoteId: quote.id,
          insured:
            'savedId' in insured
              ? insured
              : { name: '张三', idNumber: makeIdNumber(), phone: '13812345678', ...insured },
          exclusionsReadVersion: quote.productVersionId,
          salesTrail: [
            { type: 'page_view', page: 'packages/buy/product/index', at: new Date().toISOString(), durationMs: 12000 },
            { type: 'exclusions_confirmed', page: 'packages/buy/product/index', at: new Date().toISOString() },
            { type: 'form_submitted', page: 'packages/buy/insured/index', at: new Date().toISOString() },
          ],
          ...extra,
        },
        { 'idempotency-key': key },
      );
    },
    pay(order) {
      if (!order.payment) throw new Error('order has no payment parameters');
      testApp.sim.pay(order.payment.package.slice('prepay_id='.length), resolvedOpenid);
    },
    async waitForOrder(orderId, statuses, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await api<Order>('GET', `/api/v1/orders/${orderId}`);
        if (statuses.includes(body.status)) return body;
        if (Date.now() > deadline)
          throw new Error(`order ${orderId} still ${body.status}, wanted ${statuses.join('/')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  return customer;
};
