import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '@xiaoan/shared';
import { newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    code?: string;
    message?: string;
    requestId?: string;
    details?: { retryAfterSeconds?: number };
    token?: string;
  } & Record<string, unknown>;
  text: string;
}

/**
 * Plain node:http, so a request can leave from another loopback address (127.0.0.x): each test's
 * logins then count against a client IP of its own.
 */
const send = (
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
        ...(options.from ? { localAddress: options.from } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Answer['body'];
          try {
            body = text ? (JSON.parse(text) as Answer['body']) : {};
          } catch {
            body = {};
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });

/** The limits are fixed one-minute windows: start a burst early enough in one that it cannot straddle two. */
const awayFromWindowEdge = async (): Promise<void> => {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
};

const expectEnvelope = (answer: Answer, code: string): void => {
  expect({ status: answer.status, code: answer.body.code }).toEqual({
    status: ERROR_CODES[code as keyof typeof ERROR_CODES].httpStatus,
    code,
  });
  expect(typeof answer.body.message).toBe('string');
  expect(answer.body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(typeof answer.body.requestId).toBe('string');
  expect(answer.body.requestId!.length).toBeGreaterThan(0);
  expect(answer.body).not.toHaveProperty('error');
  expect(answer.body).not.toHaveProperty('statusCode');
};

const expectRetryAfter = (answer: Answer): void => {
  const header = answer.headers['retry-after'];
  expect(typeof header).toBe('string');
  expect(header).toMatch(/^[1-9][0-9]*$/);
  expect(answer.body.details?.retryAfterSeconds).toBe(Number(header));
  expect(Number(header)).toBeLessThanOrEqual(60);
};

describe('HTTP hardening: login limits, 429s, long URLs and body types', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      env: { LOGIN_LIMIT_PER_IP: '5', LOGIN_LIMIT_PER_OPENID: '3', SESSIONS_PER_CUSTOMER: '2' },
    });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const login = (code: string, from: string) =>
    send(testApp.baseUrl, 'POST', '/api/v1/auth/wechat-login', {
      body: JSON.stringify({ code }),
      headers: { 'content-type': 'application/json' },
      from,
    });

  it('refuses the login after the per-IP limit with LOGIN_RATE_LIMITED and Retry-After, before asking WeChat, while other IPs still log in', async () => {
    await awayFromWindowEdge();
    for (let i = 0; i < 5; i += 1) {
      const answer = await login(testApp.sim.mintLoginCode().code, '127.0.0.21');
      expect(answer.status).toBe(200);
    }
    const { code } = testApp.sim.mintLoginCode();
    const refused = await login(code, '127.0.0.21');
    expectEnvelope(refused, 'LOGIN_RATE_LIMITED');
    expectRetryAfter(refused);
    // The code was never spent at WeChat: the same code still logs in from another address.
    const elsewhere = await login(code, '127.0.0.22');
    expect(elsewhere.status).toBe(200);
  });

  it('refuses a fourth login of the same WeChat user within the minute, from any IP, and lets another user in', async () => {
    await awayFromWindowEdge();
    const openid = `o_rate_${Date.now().toString(36)}`;
    for (const from of ['127.0.0.31', '127.0.0.32', '127.0.0.33']) {
      expect((await login(testApp.sim.mintLoginCode({ openid }).code, from)).status).toBe(200);
    }
    const refused = await login(testApp.sim.mintLoginCode({ openid }).code, '127.0.0.34');
    expectEnvelope(refused, 'LOGIN_RATE_LIMITED');
    expectRetryAfter(refused);
    expect((await login(testApp.sim.mintLoginCode().code, '127.0.0.34')).status).toBe(200);
  });

  it('keeps at most the configured number of live sessions per customer: a new login revokes the oldest', async () => {
    await awayFromWindowEdge();
    const openid = `o_cap_${Date.now().toString(36)}`;
    const tokens: string[] = [];
    for (const from of ['127.0.0.41', '127.0.0.42', '127.0.0.43']) {
      const answer = await login(testApp.sim.mintLoginCode({ openid }).code, from);
      expect(answer.status).toBe(200);
      tokens.push(answer.body.token!);
    }
    const statuses = await Promise.all(
      tokens.map(
        async (token) =>
          (await send(testApp.baseUrl, 'GET', '/api/v1/policies', { headers: { authorization: `Bearer ${token}` } }))
            .status,
      ),
    );
    expect(statuses).toEqual([401, 200, 200]);
    const { rows } = await testApp.db.query<{ live: string }>(
      `SELECT count(*) AS live FROM customer_sessions s JOIN customers c ON c.id = s.customer_id
        WHERE c.openid = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [openid],
    );
    expect(Number(rows[0]!.live)).toBe(2);
  });

  it('answers WeChat’s own 45011 with a 429 that carries Retry-After', async () => {
    testApp.sim.faults.set('wx.jscode2session', { kind: 'rate_limited' }, { times: 1 });
    const refused = await login(testApp.sim.mintLoginCode().code, '127.0.0.51');
    expectEnvelope(refused, 'LOGIN_RATE_LIMITED');
    expectRetryAfter(refused);
  });

  it('gives every other 429 a Retry-After header too (policy verification limit)', async () => {
    await awayFromWindowEdge();
    let last: Answer | undefined;
    for (let i = 0; i < 21; i += 1) {
      last = await send(
        testApp.baseUrl,
        'GET',
        '/api/v1/policies/verify?policyNo=P0000000000000000&insuredName=%E5%BC%A0%E4%B8%89',
        { from: '127.0.0.61' },
      );
    }
    expectEnvelope(last!, 'RATE_LIMITED');
    expectRetryAfter(last!);
  });

  it('answers a 60 KB URL with the standard error envelope', async () => {
    const answer = await send(testApp.baseUrl, 'GET', `/api/v1/products?q=${'a'.repeat(60 * 1024)}`);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expectEnvelope(answer, 'REQUEST_TOO_LARGE');
    // The server is still up afterwards.
    expect((await send(testApp.baseUrl, 'GET', '/api/v1/products')).status).toBe(200);
  });

  it('answers a route parameter past the router’s length limit with the standard error envelope', async () => {
    const customer = await newCustomer(testApp);
    const answer = await send(testApp.baseUrl, 'GET', `/api/v1/orders/${'9'.repeat(300)}`, {
      headers: { authorization: `Bearer ${customer.token}` },
    });
    expectEnvelope(answer, 'URI_TOO_LONG');
  });

  it.each([
    ['application/x-www-form-urlencoded', 'code=abc'],
    ['text/plain', '{"code":"abc"}'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="code"\r\n\r\nabc\r\n--x--\r\n'],
  ])('refuses a %s login body with UNSUPPORTED_MEDIA_TYPE', async (contentType, body) => {
    const answer = await send(testApp.baseUrl, 'POST', '/api/v1/auth/wechat-login', {
      body,
      headers: { 'content-type': contentType },
      from: '127.0.0.71',
    });
    expectEnvelope(answer, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses form-urlencoded bodies on authenticated JSON endpoints too, before anything is written', async () => {
    const customer = await newCustomer(testApp);
    const before = await testApp.db.query<{ n: string }>(`SELECT count(*) AS n FROM quotes`);
    const answer = await send(testApp.baseUrl, 'POST', '/api/v1/quotes', {
      body: 'productCode=FD120&flightNo=MU5101&payoutTier=20000',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${customer.token}` },
    });
    expectEnvelope(answer, 'UNSUPPORTED_MEDIA_TYPE');
    const after = await testApp.db.query<{ n: string }>(`SELECT count(*) AS n FROM quotes`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe('development routes talk to the simulator the BFF started with', () => {
  let decoy: Server;
  let decoyHits: string[];
  let testApp: TestApp;

  beforeAll(async () => {
    decoyHits = [];
    decoy = createServer((req, res) => {
      decoyHits.push(`${req.method} ${req.url}`);
      res.statusCode = 502;
      res.end('decoy');
    });
    await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
    const decoyOrigin = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
    // The mixed mode the environment contract allows: SIM on, but the pay host configured elsewhere.
    testApp = await startTestApp({ env: { WECHATPAY_ORIGIN: decoyOrigin } });
  });

  afterAll(async () => {
    await testApp?.close();
    await new Promise((resolve) => decoy?.close(resolve));
  });

  it('mints the wx.login code at the BFF’s own simulator, never at the configured WECHATPAY_ORIGIN', async () => {
    const minted = await send(testApp.baseUrl, 'POST', '/api/dev/sim/login-code', {
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(minted.status).toBe(200);
    const code = minted.body.code as string;
    const loggedIn = await send(testApp.baseUrl, 'POST', '/api/v1/auth/wechat-login', {
      body: JSON.stringify({ code }),
      headers: { 'content-type': 'application/json' },
    });
    expect(loggedIn.status).toBe(200);
    expect(decoyHits.filter((hit) => hit.includes('/__sim/'))).toEqual([]);
  });

  it('sends a flight landing late to the same simulator', async () => {
    const answer = await send(testApp.baseUrl, 'POST', '/api/dev/sim/flights/land-late', {
      body: JSON.stringify({ flightNo: 'MU5101', flightDate: new Date().toISOString().slice(0, 10), delayMinutes: 10 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(decoyHits.filter((hit) => hit.includes('/__sim/'))).toEqual([]);
    expect(answer.status).toBeLessThan(500);
  });
});
