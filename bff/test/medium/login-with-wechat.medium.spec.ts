import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { hashSessionToken, SESSION_TTL_MS } from '../../src/core/auth/session-token.js';
import { FieldCipher } from '../../src/core/crypto/field-cipher.js';
import { RateLimiter } from '../../src/core/rate-limit/rate-limiter.js';
import { createWechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import { BindInviteUseCase } from '../../src/modules/campaign/bind-invite.use-case.js';
import { InviteRepository } from '../../src/modules/campaign/invite.repository.js';
import { LoginWithWechatUseCase } from '../../src/modules/identity/login-with-wechat.use-case.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * LoginWithWechatUseCase on a real PostgreSQL and the WeChat simulator over real HTTP
 * (jscode2session): a wx.login code becomes the customer (keyed by openid, created at first login)
 * and a session of our own whose token is kept hashed and WeChat's session_key encrypted; a used
 * or unknown code, a user WeChat flags as risky, and a flood from one address are refused with
 * their codes and create nothing; a customer keeps at most the configured number of live sessions.
 */
describe('LoginWithWechatUseCase', () => {
  let medium: Medium;
  let pool: pg.Pool;
  let login: LoginWithWechatUseCase;
  let cipher: FieldCipher;
  const limits = { perIpPerMinute: 3, perOpenidPerMinute: 10, sessionsPerCustomer: 2 };
  let ipSeq = 0;
  /** Each test logs in from its own address, so that the per-address limit is its own. */
  const nextIp = () => `10.9.0.${(ipSeq += 1)}`;

  beforeAll(async () => {
    medium = await openMedium();
    pool = new pg.Pool({ connectionString: medium.database.url, max: 2 });
    cipher = new FieldCipher(medium.config.dataEncryptionKey);
    login = new LoginWithWechatUseCase(
      createWechatAdapters(medium.integrations.wechat, pool).login,
      medium.unitOfWork,
      cipher,
      new RateLimiter(medium.dataSource),
      { ...medium.config, login: limits },
      new BindInviteUseCase(new InviteRepository(medium.dataSource)),
    );
  });
  afterAll(async () => {
    await pool?.end();
    await medium?.close();
  });

  const customersAndSessions = () =>
    snapshot(
      medium.db,
      `SELECT (SELECT json_agg(c ORDER BY c.id) FROM customers c) AS customers,
              (SELECT json_agg(s ORDER BY s.id) FROM customer_sessions s) AS sessions`,
    );
  const customerOf = async (openid: string) =>
    (
      await medium.db.query<{ id: string; unionid: string | null; last_login_at: Date }>(
        `SELECT id, unionid, last_login_at FROM customers WHERE openid = $1`,
        [openid],
      )
    ).rows;
  const sessionsOf = async (customerId: string) =>
    (
      await medium.db.query<{
        token_hash: string;
        session_key_encrypted: string;
        expires_at: Date;
        revoked: boolean;
      }>(
        `SELECT token_hash, session_key_encrypted, expires_at, revoked_at IS NOT NULL AS revoked
           FROM customer_sessions WHERE customer_id = $1 ORDER BY created_at, id`,
        [customerId],
      )
    ).rows;

  it('a first login creates the customer by openid and a session whose token is stored hashed', async () => {
    const { code, openid } = medium.sim.mintLoginCode({ unionid: `u_${Date.now()}` });
    const now = new Date();

    const answer = await login.execute(code, nextIp(), now);

    expect(answer).toEqual({
      token: expect.any(String),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    });
    const [customer] = await customerOf(openid);
    expect(customer).toMatchObject({ unionid: expect.stringMatching(/^u_/), last_login_at: now });
    const sessions = await sessionsOf(customer!.id);
    expect(sessions).toEqual([
      {
        token_hash: hashSessionToken(answer.token),
        session_key_encrypted: expect.any(String),
        expires_at: new Date(answer.expiresAt),
        revoked: false,
      },
    ]);
    expect(sessions[0]!.session_key_encrypted).not.toContain(answer.token);
    expect(cipher.decrypt(sessions[0]!.session_key_encrypted)).toEqual(expect.any(String));
  });

  it('logging in again is the same customer with a new session', async () => {
    const user = medium.sim.upsertUser({});
    const ip = nextIp();
    const first = await login.execute(medium.sim.mintLoginCode({ openid: user.openid }).code, ip);
    const later = new Date(Date.now() + 60_000);

    const second = await login.execute(medium.sim.mintLoginCode({ openid: user.openid }).code, ip, later);

    const customers = await customerOf(user.openid);
    expect(customers).toHaveLength(1);
    expect(customers[0]!.last_login_at).toEqual(later);
    expect((await sessionsOf(customers[0]!.id)).map((session) => session.token_hash)).toEqual([
      hashSessionToken(first.token),
      hashSessionToken(second.token),
    ]);
  });

  it('a customer keeps at most the configured number of live sessions: a new login revokes the oldest', async () => {
    const user = medium.sim.upsertUser({});
    const tokens = [];
    for (let i = 0; i < 3; i += 1)
      tokens.push((await login.execute(medium.sim.mintLoginCode({ openid: user.openid }).code, nextIp())).token);

    const [customer] = await customerOf(user.openid);
    expect((await sessionsOf(customer!.id)).map((session) => [session.token_hash, session.revoked])).toEqual([
      [hashSessionToken(tokens[0]!), true],
      [hashSessionToken(tokens[1]!), false],
      [hashSessionToken(tokens[2]!), false],
    ]);
  });

  it('a code used already, or unknown, is LOGIN_CODE_INVALID and creates nothing', async () => {
    const { code } = medium.sim.mintLoginCode({});
    await login.execute(code, nextIp());
    const before = await customersAndSessions();

    await expect(login.execute(code, nextIp())).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' });
    await expect(login.execute('no-such-code', nextIp())).rejects.toMatchObject({ code: 'LOGIN_CODE_INVALID' });

    expect(await customersAndSessions()).toBe(before);
  });

  it('a user WeChat flags as high-risk is LOGIN_RISKY_USER and no customer is created', async () => {
    const user = medium.sim.upsertUser({ highRisk: true });
    const before = await customersAndSessions();

    await expect(login.execute(medium.sim.mintLoginCode({ openid: user.openid }).code, nextIp())).rejects.toMatchObject(
      { code: 'LOGIN_RISKY_USER' },
    );

    expect(await customersAndSessions()).toBe(before);
    expect(await customerOf(user.openid)).toEqual([]);
  });

  it('past the logins allowed per address and minute, LOGIN_RATE_LIMITED before WeChat is asked, and nothing is created', async () => {
    const ip = nextIp();
    for (let i = 0; i < limits.perIpPerMinute; i += 1) await login.execute(medium.sim.mintLoginCode({}).code, ip);
    const { code, openid } = medium.sim.mintLoginCode({});
    const before = await customersAndSessions();

    await expect(login.execute(code, ip)).rejects.toMatchObject({ code: 'LOGIN_RATE_LIMITED' });

    expect(await customersAndSessions()).toBe(before);
    // WeChat was not asked: the code still works from elsewhere.
    await login.execute(code, nextIp());
    expect(await customerOf(openid)).toHaveLength(1);
  });
});
