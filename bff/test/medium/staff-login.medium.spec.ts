import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashSessionToken } from '../../src/core/auth/session-token.js';
import { ManageStaffUserUseCase } from '../../src/modules/staff/manage-staff-user.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { StaffLoginThrottle } from '../../src/modules/staff/staff-login-throttle.repository.js';
import type { StaffLoginUseCase } from '../../src/modules/staff/staff-login.use-case.js';
import { StaffUserRepository } from '../../src/modules/staff/staff-user.repository.js';
import { addMember, signedIn, staffLoginOf, type Member } from '../support/medium-staff.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * StaffLoginUseCase on a real PostgreSQL with the app's throttle settings (5 wrong passwords lock
 * an account, 20 an IP, for 15 minutes): a right password opens a 12-hour session with its audit
 * row; a wrong password, an unknown name and a disabled member all get the same refusal, counted
 * against the account and the IP, with no session; a locked account or IP is refused even with
 * the right password. Every attempt is on the audit trail. Each test signs in from its own IP.
 */
describe('StaffLoginUseCase', () => {
  let medium: Medium;
  let login: StaffLoginUseCase;
  let nextIp = 1;
  const newIp = () => `10.20.${nextIp++}.1`;

  beforeAll(async () => {
    medium = await openMedium();
    login = staffLoginOf(medium);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const sessionsOf = async (member: Member) =>
    (
      await medium.db.query<{ token_hash: string; expires_at: Date; revoked_at: Date | null }>(
        `SELECT token_hash, expires_at, revoked_at FROM staff_sessions WHERE staff_user_id = $1 ORDER BY created_at`,
        [member.id],
      )
    ).rows;
  const failuresOf = async (key: string) =>
    (
      await medium.db.query<{ failures: number; locked: boolean }>(
        `SELECT failures, locked_until > now() AS locked FROM staff_login_throttle WHERE key = $1`,
        [key],
      )
    ).rows[0] ?? null;
  const auditOf = async (username: string) =>
    (
      await medium.db.query(
        `SELECT action, staff_user_id::text AS staff, roles, ip, request_id, detail FROM staff_audit_log WHERE username = $1 ORDER BY id`,
        [username],
      )
    ).rows;
  /** The member's row and sessions: what a refused sign-in must leave as it was. */
  const stateOf = (member: Member) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(u) FROM staff_users u WHERE u.id = $1) AS member,
              (SELECT json_agg(s ORDER BY s.created_at) FROM staff_sessions s WHERE s.staff_user_id = $1) AS sessions`,
      [member.id],
    );
  const wrong = (member: Member | string, ip: string) =>
    login.execute(
      { username: typeof member === 'string' ? member : member.username, password: 'not-the-password' },
      {
        ip,
        requestId: undefined,
      },
    );

  it('the right password opens a 12-hour session under the token, marks the sign-in, with an audit row', async () => {
    const member = await addMember(medium, ['support']);
    const ip = newIp();
    const before = Date.now();

    const answer = await login.execute(
      { username: member.username, password: member.password },
      { ip, requestId: 'req-login-1' },
    );

    expect(answer).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      roles: ['support'],
      displayName: member.username,
      mustChangePassword: true,
    });
    const expiresAt = Date.parse(answer.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 12 * 3600_000);
    expect(expiresAt).toBeLessThan(before + 12 * 3600_000 + 60_000);
    expect(await sessionsOf(member)).toEqual([
      { token_hash: hashSessionToken(answer.token), expires_at: new Date(answer.expiresAt), revoked_at: null },
    ]);
    const { rows } = await medium.db.query(
      `SELECT last_login_at IS NOT NULL AS marked FROM staff_users WHERE id = $1`,
      [member.id],
    );
    expect(rows).toEqual([{ marked: true }]);
    expect(await auditOf(member.username)).toEqual([
      { action: 'login', staff: member.id, roles: ['support'], ip, request_id: 'req-login-1', detail: null },
    ]);
  });

  it('the name is matched whatever its case', async () => {
    const member = await addMember(medium);

    await login.execute(
      { username: member.username.toUpperCase(), password: member.password },
      {
        ip: newIp(),
        requestId: undefined,
      },
    );

    expect(await sessionsOf(member)).toHaveLength(1);
  });

  it('a wrong password is refused, counted against the account and the IP, with no session and an audit row', async () => {
    const member = await addMember(medium);
    const ip = newIp();
    const before = await stateOf(member);

    await expect(wrong(member, ip)).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });

    expect(await stateOf(member)).toBe(before);
    expect(await failuresOf(`account:${member.username}`)).toEqual({ failures: 1, locked: null });
    expect(await failuresOf(`ip:${ip}`)).toEqual({ failures: 1, locked: null });
    expect(await auditOf(member.username)).toEqual([
      expect.objectContaining({ action: 'login_failed', staff: member.id, ip }),
    ]);
  });

  it('an unknown name gets the same refusal, counted the same, audited without a member', async () => {
    const ip = newIp();
    const name = `nobody_${nextIp}`;

    await expect(wrong(name, ip)).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });

    expect(await failuresOf(`account:${name}`)).toEqual({ failures: 1, locked: null });
    expect(await failuresOf(`ip:${ip}`)).toEqual({ failures: 1, locked: null });
    expect(await auditOf(name)).toEqual([expect.objectContaining({ action: 'login_failed', staff: null, ip })]);
  });

  it('a disabled member is refused even with the right password, the same way, and no session opens', async () => {
    const member = await addMember(medium);
    const admin = await signedIn(medium, await addMember(medium, ['admin']));
    await new ManageStaffUserUseCase(
      new StaffUserRepository(medium.dataSource),
      medium.unitOfWork,
      new StaffAudit(medium.dataSource),
      new StaffLoginThrottle(medium.dataSource, medium.config),
    ).setEnabled(admin, member.id, false, '离职');
    const before = await stateOf(member);

    await expect(
      login.execute({ username: member.username, password: member.password }, { ip: newIp(), requestId: undefined }),
    ).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });

    expect(await stateOf(member)).toBe(before);
    expect((await auditOf(member.username)).map((a) => a.action)).toEqual(['login_failed']);
  });

  it('five wrong passwords lock the account: then even the right one is refused, from any IP, with no session', async () => {
    const member = await addMember(medium);
    const { maxFailures, lockSeconds } = medium.config.staffLogin;
    for (let i = 0; i < maxFailures - 1; i += 1) {
      await expect(wrong(member, newIp())).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    }
    expect(await failuresOf(`account:${member.username}`)).toEqual({ failures: maxFailures - 1, locked: null });
    await expect(wrong(member, newIp())).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    expect(await failuresOf(`account:${member.username}`)).toEqual({ failures: maxFailures, locked: true });
    const before = await stateOf(member);

    const refusal = login.execute(
      { username: member.username, password: member.password },
      { ip: newIp(), requestId: undefined },
    );

    await expect(refusal).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const { retryAfterSeconds } = await refusal.then(
      () => ({ retryAfterSeconds: Number.NaN }),
      (error: { details: { retryAfterSeconds: number } }) => error.details,
    );
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(lockSeconds);
    expect(await stateOf(member)).toBe(before);
    const audit = await auditOf(member.username);
    expect(audit.map((a) => a.action)).toEqual([...Array(maxFailures).fill('login_failed'), 'login_throttled']);
    expect(audit.at(-1)!.detail).toEqual({ retryAfterSeconds: expect.any(Number) });
  });

  it("a right password clears the account's count: the next wrong ones start again from one", async () => {
    const member = await addMember(medium);
    const { maxFailures } = medium.config.staffLogin;
    const ip = newIp();
    for (let i = 0; i < maxFailures - 1; i += 1) await expect(wrong(member, ip)).rejects.toBeDefined();

    await login.execute({ username: member.username, password: member.password }, { ip, requestId: undefined });

    expect(await failuresOf(`account:${member.username}`)).toBeNull();
    for (let i = 0; i < maxFailures - 1; i += 1) await expect(wrong(member, ip)).rejects.toBeDefined();
    await expect(
      login.execute({ username: member.username, password: member.password }, { ip, requestId: undefined }),
    ).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('wrong passwords from one IP across many names lock the IP: another member is refused from it, not from elsewhere', async () => {
    const { ipMaxFailures } = medium.config.staffLogin;
    const ip = newIp();
    for (let i = 0; i < ipMaxFailures; i += 1) {
      await expect(wrong(`guess_${i}_${nextIp}`, ip)).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    }
    expect(await failuresOf(`ip:${ip}`)).toEqual({ failures: ipMaxFailures, locked: true });
    const member = await addMember(medium);
    const before = await stateOf(member);

    await expect(
      login.execute({ username: member.username, password: member.password }, { ip, requestId: undefined }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await stateOf(member)).toBe(before);

    await expect(
      login.execute({ username: member.username, password: member.password }, { ip: newIp(), requestId: undefined }),
    ).resolves.toMatchObject({ token: expect.any(String) });
  });
});
