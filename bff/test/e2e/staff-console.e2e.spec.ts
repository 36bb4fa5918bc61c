import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AuditLogListResponse,
  StaffMeResponse,
  StaffRole,
  StaffUser,
  StaffUserListResponse,
  StaffUserWithPasswordResponse,
} from '@xiaoan/shared';
import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { createStaffMember, DEV_STAFF, staffApi, staffLogin, staffToken } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROLES: StaffRole[] = ['admin', 'support', 'marketing'];

interface RouteCase {
  name: string;
  method: string;
  /** Built per call: some routes act on a fresh target so that an allowed call changes only its own. */
  path: () => Promise<string> | string;
  body?: () => unknown;
  allowed: StaffRole[];
}

describe('staff console API', () => {
  let testApp: TestApp;
  const tokens = {} as Record<StaffRole, string>;
  const api = <T = unknown>(token: string | null, method: string, path: string, body?: unknown) =>
    staffApi<T>(testApp.baseUrl, token, method, path, body);
  const staffCount = async () =>
    Number((await testApp.db.query<{ n: string }>(`SELECT count(*) AS n FROM staff_users`)).rows[0]!.n);

  beforeAll(async () => {
    // Lots of wrong passwords below come from 127.0.0.1: the IP limit has its own suite.
    testApp = await startTestApp({ env: { STAFF_LOGIN_LOCK_SECONDS: '3', STAFF_LOGIN_IP_MAX_FAILURES: '10000' } });
    for (const role of ROLES) tokens[role] = await staffToken(testApp.baseUrl, DEV_STAFF[role]);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  describe('authorisation: every staff route × every role', () => {
    const target = async () => (await createStaffMember(testApp, { roles: ['marketing'] })).id;
    const ROUTES: RouteCase[] = [
      { name: 'who am I', method: 'GET', path: () => '/api/v1/staff/me', allowed: ['admin', 'support', 'marketing'] },
      {
        name: 'change own password',
        method: 'POST',
        path: () => '/api/v1/staff/auth/password',
        body: () => ({ currentPassword: 'not-it', newPassword: 'a-new-long-password' }),
        allowed: ['admin', 'support', 'marketing'],
      },
      { name: 'list staff', method: 'GET', path: () => '/api/v1/staff/users', allowed: ['admin'] },
      {
        name: 'read a staff member',
        method: 'GET',
        path: async () => `/api/v1/staff/users/${await target()}`,
        allowed: ['admin'],
      },
      {
        name: 'create staff',
        method: 'POST',
        path: () => '/api/v1/staff/users',
        body: () => ({ username: `m${randomUUID().slice(0, 8)}`, displayName: '新市场', roles: ['marketing'] }),
        allowed: ['admin'],
      },
      {
        name: 'change roles',
        method: 'PUT',
        path: async () => `/api/v1/staff/users/${await target()}/roles`,
        body: () => ({ roles: ['support'], reason: '调岗' }),
        allowed: ['admin'],
      },
      {
        name: 'disable staff',
        method: 'POST',
        path: async () => `/api/v1/staff/users/${await target()}/disable`,
        body: () => ({ reason: '离职' }),
        allowed: ['admin'],
      },
      {
        name: 'enable staff',
        method: 'POST',
        path: async () => `/api/v1/staff/users/${await target()}/enable`,
        body: () => ({ reason: '返岗' }),
        allowed: ['admin'],
      },
      {
        name: 'reset a password',
        method: 'POST',
        path: async () => `/api/v1/staff/users/${await target()}/reset-password`,
        body: () => ({ reason: '忘记密码' }),
        allowed: ['admin'],
      },
      { name: 'read the audit log', method: 'GET', path: () => '/api/v1/staff/audit-log', allowed: ['admin'] },
      { name: 'list claims', method: 'GET', path: () => '/api/v1/staff/claims', allowed: ['admin', 'support'] },
      {
        name: 'read a claim',
        method: 'GET',
        path: () => `/api/v1/staff/claims/${randomUUID()}`,
        allowed: ['admin', 'support'],
      },
      {
        name: 'decide a claim',
        method: 'POST',
        path: () => `/api/v1/staff/claims/${randomUUID()}/decision`,
        body: () => ({ decision: 'approve', reason: '核实无误' }),
        allowed: ['admin', 'support'],
      },
      {
        name: 'list weather flags',
        method: 'GET',
        path: () => '/api/v1/staff/weather-flags',
        allowed: ['admin', 'support'],
      },
      {
        name: 'resolve a weather flag',
        method: 'POST',
        path: () => '/api/v1/staff/weather-flags/999999/resolve',
        body: () => ({ resolution: '核对后不追回' }),
        allowed: ['admin', 'support'],
      },
    ];

    for (const route of ROUTES) {
      for (const role of ROLES) {
        const allowed = route.allowed.includes(role);
        it(
          `${allowed ? 'lets' : 'refuses'} ${role} ${allowed ? 'use' : ''} ${route.name}`.replace('  ', ' '),
          async () => {
            const path = await route.path();
            const answer = await api(tokens[role], route.method, path, route.body?.());
            if (allowed) {
              expect([401, 403]).not.toContain(answer.status);
            } else {
              expect(answer.status).toBe(403);
              expect(answer.body.code).toBe('STAFF_ROLE_FORBIDDEN');
              const { rows } = await testApp.db.query(
                `SELECT 1 FROM staff_audit_log WHERE action = 'access_denied' AND username = $1 AND resource_id = $2`,
                [DEV_STAFF[role].username, `${route.method} ${path}`.slice(0, 64)],
              );
              expect(rows).toHaveLength(1);
            }
          },
        );
      }
      it(`refuses ${route.name} without a staff session`, async () => {
        const answer = await api(null, route.method, await route.path(), route.body?.());
        expect(answer.status).toBe(401);
        expect(answer.body.code).toBe('STAFF_UNAUTHENTICATED');
      });
    }

    it('changes nothing when a refused role tries to create, disable or reset', async () => {
      const victim = await createStaffMember(testApp, { roles: ['support'] });
      const before = await staffCount();
      for (const role of ['support', 'marketing'] as const) {
        await api(tokens[role], 'POST', '/api/v1/staff/users', {
          username: `x${role}`,
          displayName: '越权',
          roles: ['admin'],
        });
        await api(tokens[role], 'POST', `/api/v1/staff/users/${victim.id}/disable`, { reason: '越权' });
        await api(tokens[role], 'POST', `/api/v1/staff/users/${victim.id}/reset-password`, { reason: '越权' });
        await api(tokens[role], 'PUT', `/api/v1/staff/users/${victim.id}/roles`, { roles: ['admin'], reason: '越权' });
      }
      expect(await staffCount()).toBe(before);
      expect((await staffLogin(testApp.baseUrl, victim)).status).toBe(200);
      const { rows } = await testApp.db.query(`SELECT roles, disabled_at FROM staff_users WHERE id = $1`, [victim.id]);
      expect(rows[0]).toEqual({ roles: ['support'], disabled_at: null });
    });

    it('gives a member with several roles what any of them allows, and still not the admin pages', async () => {
      const both = await createStaffMember(testApp, { roles: ['support', 'marketing'] });
      const token = await staffToken(testApp.baseUrl, both);
      expect((await api(token, 'GET', '/api/v1/staff/claims')).status).toBe(200);
      expect((await api(token, 'GET', '/api/v1/staff/users')).status).toBe(403);
      const me = await api<StaffMeResponse>(token, 'GET', '/api/v1/staff/me');
      expect(me.body.member.roles).toEqual(['support', 'marketing']);
      // The console decides with the same rules.
      const ability = createMongoAbility(unpackRules(me.body.rules as PackRule<RawRuleOf<MongoAbility>>[]));
      expect(ability.can('decide', 'Claim')).toBe(true);
      expect(ability.can('update', 'Campaign')).toBe(true);
      expect(ability.can('publish', 'Campaign')).toBe(false);
      expect(ability.can('read', 'AuditLog')).toBe(false);
    });

    it('sends each role the abilities the console hides pages by', async () => {
      const marketing = await api<StaffMeResponse>(tokens.marketing, 'GET', '/api/v1/staff/me');
      expect(marketing.body.member).toMatchObject({
        username: 'dev-marketing',
        roles: ['marketing'],
        mustChangePassword: false,
      });
      const ability = createMongoAbility(unpackRules(marketing.body.rules as PackRule<RawRuleOf<MongoAbility>>[]));
      expect(ability.can('read', 'StaffUser')).toBe(false);
      expect(ability.can('read', 'Customer')).toBe(false);
      expect((await api<StaffMeResponse>(tokens.admin, 'GET', '/api/v1/staff/me')).body.rules).toEqual([
        ['manage', 'all'],
      ]);
    });
  });

  describe('login throttling', () => {
    const wrong = (username: string) => staffLogin(testApp.baseUrl, { username, password: 'definitely-wrong' });

    it('locks an account after 5 wrong passwords, refuses even the right one with 429 and Retry-After, and lets it in after the lock', async () => {
      const member = await createStaffMember(testApp, { roles: ['support'] });
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const answer = await wrong(member.username);
        expect(answer.status).toBe(401);
        expect(answer.body.code).toBe('STAFF_LOGIN_FAILED');
      }
      const locked = await staffLogin(testApp.baseUrl, member);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('RATE_LIMITED');
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3);
      expect((await wrong(member.username)).status).toBe(429);
      // The admin sees the lock.
      const listed = await api<StaffUserListResponse>(tokens.admin, 'GET', `/api/v1/staff/users?q=${member.username}`);
      expect(listed.body.items[0]!.lockedUntil).not.toBeNull();

      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 300));
      const after = await staffLogin(testApp.baseUrl, member);
      expect(after.status).toBe(200);
      const { rows } = await testApp.db.query<{ action: string }>(
        `SELECT action FROM staff_audit_log WHERE username = $1 ORDER BY id`,
        [member.username],
      );
      expect(rows.map((row) => row.action)).toEqual([
        ...Array(5).fill('login_failed'),
        'login_throttled',
        'login_throttled',
        'login',
      ]);
    });

    it('counts wrong passwords for unknown accounts the same way, so the answers never tell which accounts exist', async () => {
      const ghost = `ghost-${randomUUID().slice(0, 8)}`;
      const answers = [];
      for (let attempt = 1; attempt <= 6; attempt += 1) answers.push((await wrong(ghost)).status);
      expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    });

    it('answers a burst of wrong passwords with 401 or 429, never an error, and the account ends locked', async () => {
      const member = await createStaffMember(testApp, { roles: ['marketing'] });
      const statuses = (await Promise.all(Array.from({ length: 40 }, () => wrong(member.username)))).map(
        (answer) => answer.status,
      );
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
      const { rows } = await testApp.db.query(
        `SELECT locked_until IS NOT NULL AS locked FROM staff_login_throttle WHERE key = $1`,
        [`account:${member.username}`],
      );
      expect(rows).toEqual([{ locked: true }]);
    });
  });

  describe('staff accounts', () => {
    it('creates a member with a one-time password that must be replaced before anything else', async () => {
      const created = await api<StaffUserWithPasswordResponse>(tokens.admin, 'POST', '/api/v1/staff/users', {
        username: ' Li.Si ',
        displayName: '李四',
        roles: ['support', 'support'],
      });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({
        username: 'li.si',
        displayName: '李四',
        roles: ['support'],
        status: 'active',
        mustChangePassword: true,
      });
      const { rows } = await testApp.db.query<{ password_hash: string }>(
        `SELECT password_hash FROM staff_users WHERE username = 'li.si'`,
      );
      expect(rows[0]!.password_hash).not.toContain(created.body.oneTimePassword);

      const login = await staffLogin(testApp.baseUrl, { username: 'li.si', password: created.body.oneTimePassword });
      expect(login.body).toMatchObject({ roles: ['support'], mustChangePassword: true });
      const token = login.body.token;
      expect((await api(token, 'GET', '/api/v1/staff/claims')).body.code).toBe('STAFF_PASSWORD_CHANGE_REQUIRED');
      expect((await api<StaffMeResponse>(token, 'GET', '/api/v1/staff/me')).body.member.mustChangePassword).toBe(true);
      expect(
        (
          await api(token, 'POST', '/api/v1/staff/auth/password', {
            currentPassword: 'wrong',
            newPassword: 'li-si-own-password',
          })
        ).body.code,
      ).toBe('STAFF_CURRENT_PASSWORD_WRONG');
      expect(
        (
          await api(token, 'POST', '/api/v1/staff/auth/password', {
            currentPassword: created.body.oneTimePassword,
            newPassword: 'short',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await api(token, 'POST', '/api/v1/staff/auth/password', {
            currentPassword: created.body.oneTimePassword,
            newPassword: 'li-si-own-password',
          })
        ).status,
      ).toBe(204);
      expect((await api(token, 'GET', '/api/v1/staff/claims')).status).toBe(200);
      expect(
        (await staffLogin(testApp.baseUrl, { username: 'li.si', password: created.body.oneTimePassword })).status,
      ).toBe(401);
      expect(
        (await staffLogin(testApp.baseUrl, { username: 'li.si', password: 'li-si-own-password' })).body
          .mustChangePassword,
      ).toBe(false);
    });

    it('refuses bad input and a taken username with a 4xx code, and creates nothing', async () => {
      const before = await staffCount();
      const bad = [
        { username: 'A!', displayName: '坏', roles: ['support'] },
        { username: 'good.name', displayName: '', roles: ['support'] },
        { username: 'good.name', displayName: '空岗位', roles: [] },
        { username: 'good.name', displayName: '未知岗位', roles: ['root'] },
        'not an object',
      ];
      for (const body of bad) {
        const answer = await api(tokens.admin, 'POST', '/api/v1/staff/users', body);
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('VALIDATION_FAILED');
      }
      const taken = await api(tokens.admin, 'POST', '/api/v1/staff/users', {
        username: 'dev-support',
        displayName: '重复',
        roles: ['admin'],
      });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('STAFF_USERNAME_TAKEN');
      expect(await staffCount()).toBe(before);
      expect(
        (await api(tokens.admin, 'POST', `/api/v1/staff/users/not-a-uuid/disable`, { reason: '测试' })).body.code,
      ).toBe('STAFF_USER_NOT_FOUND');
      expect(
        (await api(tokens.admin, 'POST', `/api/v1/staff/users/${randomUUID()}/reset-password`, { reason: '测试' }))
          .status,
      ).toBe(404);
      expect((await api(tokens.admin, 'POST', `/api/v1/staff/users/${randomUUID()}/disable`, {})).status).toBe(400);
      expect((await api(tokens.admin, 'GET', '/api/v1/staff/users?pageSize=1000')).status).toBe(400);
    });

    it('disables a member at once (their session ends), enables them again, and audits both with the reason', async () => {
      const member = await createStaffMember(testApp, { roles: ['support'] });
      const token = await staffToken(testApp.baseUrl, member);
      const disabled = await api<StaffUser>(tokens.admin, 'POST', `/api/v1/staff/users/${member.id}/disable`, {
        reason: '员工离职',
      });
      expect(disabled.body).toMatchObject({ status: 'disabled' });
      expect((await api(token, 'GET', '/api/v1/staff/claims')).status).toBe(401);
      expect((await staffLogin(testApp.baseUrl, member)).body.code).toBe('STAFF_LOGIN_FAILED');
      // Disabling again changes nothing and audits nothing more.
      expect(
        (await api<StaffUser>(tokens.admin, 'POST', `/api/v1/staff/users/${member.id}/disable`, { reason: '再次停用' }))
          .body.status,
      ).toBe('disabled');
      expect(
        (await api<StaffUser>(tokens.admin, 'POST', `/api/v1/staff/users/${member.id}/enable`, { reason: '返岗' })).body
          .status,
      ).toBe('active');
      expect((await staffLogin(testApp.baseUrl, member)).status).toBe(200);
      const { rows } = await testApp.db.query(
        `SELECT action, reason, username, roles, resource_id, ip, request_id IS NOT NULL AS has_request FROM staff_audit_log WHERE resource_type = 'staff_user' AND resource_id = $1 ORDER BY id`,
        [member.id],
      );
      expect(rows).toEqual([
        {
          action: 'staff_user_disabled',
          reason: '员工离职',
          username: 'dev-admin',
          roles: ['admin'],
          resource_id: member.id,
          ip: '127.0.0.1',
          has_request: true,
        },
        {
          action: 'staff_user_enabled',
          reason: '返岗',
          username: 'dev-admin',
          roles: ['admin'],
          resource_id: member.id,
          ip: '127.0.0.1',
          has_request: true,
        },
      ]);
    });

    it('resets a password: the old one and every session stop working, the new one-time password works once replaced', async () => {
      const member = await createStaffMember(testApp, { roles: ['marketing'] });
      const token = await staffToken(testApp.baseUrl, member);
      const reset = await api<StaffUserWithPasswordResponse>(
        tokens.admin,
        'POST',
        `/api/v1/staff/users/${member.id}/reset-password`,
        { reason: '忘记密码' },
      );
      expect(reset.body.user.mustChangePassword).toBe(true);
      expect((await api(token, 'GET', '/api/v1/staff/me')).status).toBe(401);
      expect((await staffLogin(testApp.baseUrl, member)).status).toBe(401);
      expect(
        (await staffLogin(testApp.baseUrl, { username: member.username, password: reset.body.oneTimePassword })).body
          .mustChangePassword,
      ).toBe(true);
    });

    it('changes roles with immediate effect, and keeps an admin from locking themselves out', async () => {
      const member = await createStaffMember(testApp, { roles: ['marketing'] });
      const token = await staffToken(testApp.baseUrl, member);
      expect((await api(token, 'GET', '/api/v1/staff/claims')).status).toBe(403);
      expect(
        (
          await api<StaffUser>(tokens.admin, 'PUT', `/api/v1/staff/users/${member.id}/roles`, {
            roles: ['support', 'marketing'],
            reason: '兼任客服',
          })
        ).body.roles,
      ).toEqual(['marketing', 'support']);
      expect((await api(token, 'GET', '/api/v1/staff/claims')).status).toBe(200);

      const adminId = (await api<StaffMeResponse>(tokens.admin, 'GET', '/api/v1/staff/me')).body.member.id;
      expect(
        (await api(tokens.admin, 'POST', `/api/v1/staff/users/${adminId}/disable`, { reason: '自己' })).body.code,
      ).toBe('STAFF_SELF_LOCKOUT');
      expect(
        (await api(tokens.admin, 'PUT', `/api/v1/staff/users/${adminId}/roles`, { roles: ['support'], reason: '自己' }))
          .body.code,
      ).toBe('STAFF_SELF_LOCKOUT');
      expect((await api(tokens.admin, 'GET', '/api/v1/staff/users')).status).toBe(200);
    });

    it('lists members filtered by role and status, a page at a time', async () => {
      const page = await api<StaffUserListResponse>(
        tokens.admin,
        'GET',
        '/api/v1/staff/users?role=admin&status=active&page=1&pageSize=1',
      );
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0]!.roles).toContain('admin');
      expect(page.body.total).toBeGreaterThanOrEqual(1);
    });

    it('ends the session on sign-out', async () => {
      const member = await createStaffMember(testApp, { roles: ['support'] });
      const token = await staffToken(testApp.baseUrl, member);
      expect((await api(token, 'POST', '/api/v1/staff/auth/logout')).status).toBe(204);
      expect((await api(token, 'GET', '/api/v1/staff/me')).status).toBe(401);
    });
  });

  describe('audit log', () => {
    it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
      const { rows } = await testApp.db.query<{ id: string }>(`SELECT id FROM staff_audit_log ORDER BY id LIMIT 1`);
      expect(rows).toHaveLength(1);
      await expect(
        testApp.db.query(`UPDATE staff_audit_log SET action = 'nothing' WHERE id = $1`, [rows[0]!.id]),
      ).rejects.toThrow(/append-only/);
      await expect(testApp.db.query(`DELETE FROM staff_audit_log WHERE id = $1`, [rows[0]!.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(testApp.db.query(`TRUNCATE staff_audit_log`)).rejects.toThrow(/append-only/);
      expect(
        (await testApp.db.query(`SELECT action FROM staff_audit_log WHERE id = $1`, [rows[0]!.id])).rows[0].action,
      ).not.toBe('nothing');
    });

    it('lists rows newest first, filtered by staff, action and time range, a page at a time', async () => {
      const member = await createStaffMember(testApp, { roles: ['support'] });
      const since = new Date(Date.now() - 1000).toISOString();
      await staffToken(testApp.baseUrl, member);
      await staffLogin(testApp.baseUrl, { username: member.username, password: 'wrong-password' });
      const all = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?username=${member.username}&from=${encodeURIComponent(since)}`,
      );
      expect(all.body.items.map((row) => row.action)).toEqual(['login_failed', 'login']);
      expect(all.body.total).toBe(2);
      expect(all.body.items[1]).toMatchObject({
        username: member.username,
        roles: ['support'],
        ip: '127.0.0.1',
        staffUserId: member.id,
      });
      const failed = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?username=${member.username}&action=login_failed`,
      );
      expect(failed.body.items).toHaveLength(1);
      const paged = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?username=${member.username}&pageSize=1&page=2`,
      );
      expect(paged.body.items.map((row) => row.action)).toEqual(['login']);
      const future = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
      );
      expect(future.body).toEqual({ items: [], total: 0 });
    });

    it('leaves out the access row of every permitted request when asked, so actions and refusals stand out', async () => {
      const member = await createStaffMember(testApp, { roles: ['support'] });
      const since = new Date(Date.now() - 1000).toISOString();
      const token = await staffToken(testApp.baseUrl, member);
      expect((await api(token, 'GET', '/api/v1/staff/claims')).status).toBe(200);
      expect((await api(token, 'GET', '/api/v1/staff/audit-log')).status).toBe(403);
      const query = `username=${member.username}&from=${encodeURIComponent(since)}`;
      const all = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?${query}&routeAccess=include`,
      );
      expect(all.body.items.map((row) => row.action)).toEqual(['access_denied', 'claims_list', 'access', 'login']);
      const actions = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?${query}&routeAccess=exclude`,
      );
      expect(actions.body.total).toBe(3);
      expect(actions.body.items.map((row) => row.action)).toEqual(['access_denied', 'claims_list', 'login']);
      expect((await api(tokens.admin, 'GET', '/api/v1/staff/audit-log?routeAccess=none')).status).toBe(400);
    });

    it('records what other modules ask it to, with customer and policy, in their transaction', async () => {
      const audit = testApp.app.get(StaffAudit);
      const customerId = randomUUID();
      await audit.record(
        { staffUserId: null, username: 'dev-support', roles: ['support'], ip: '10.0.0.8', requestId: 'req-1' },
        {
          action: 'customer_read',
          resourceType: 'customer',
          resourceId: customerId,
          customerId,
          policyNo: 'P2026TEST',
        },
      );
      const found = await api<AuditLogListResponse>(
        tokens.admin,
        'GET',
        `/api/v1/staff/audit-log?customerId=${customerId}`,
      );
      expect(found.body.items).toEqual([
        expect.objectContaining({
          action: 'customer_read',
          customerId,
          policyNo: 'P2026TEST',
          ip: '10.0.0.8',
          requestId: 'req-1',
        }),
      ]);
      expect(
        (await api<AuditLogListResponse>(tokens.admin, 'GET', '/api/v1/staff/audit-log?policyNo=P2026TEST')).body.total,
      ).toBe(1);
    });

    it('refuses bad filters with a 4xx code', async () => {
      for (const query of [
        'from=yesterday',
        'customerId=abc',
        'pageSize=0',
        `from=${encodeURIComponent('2026-12-02T00:00:00Z')}&to=${encodeURIComponent('2026-12-01T00:00:00Z')}`,
      ]) {
        const answer = await api(tokens.admin, 'GET', `/api/v1/staff/audit-log?${query}`);
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('the console itself', () => {
    it('is served at /console/, client routes fall back to its page, and / stays the H5 app', async () => {
      const console = await fetch(`${testApp.baseUrl}/console/`);
      expect(console.status).toBe(200);
      expect(await console.text()).toContain('员工后台');
      const deep = await fetch(`${testApp.baseUrl}/console/audit-log?page=2`);
      expect(deep.status).toBe(200);
      expect(deep.headers.get('content-type')).toContain('text/html');
      expect(await deep.text()).toContain('员工后台');
      expect((await fetch(`${testApp.baseUrl}/console/assets/missing-file.js`)).status).toBe(404);
      const h5 = await fetch(`${testApp.baseUrl}/`);
      expect(await h5.text()).toContain('<title>小安保险</title>');
    });
  });
});

describe('login throttling per IP', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { STAFF_LOGIN_IP_MAX_FAILURES: '3', STAFF_LOGIN_LOCK_SECONDS: '2' } });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('locks an address that tries wrong passwords on many accounts, even for a right password on another', async () => {
    for (const username of ['one-guess', 'two-guess', 'three-guess']) {
      expect((await staffLogin(testApp.baseUrl, { username, password: 'guess' })).status).toBe(401);
    }
    const refused = await staffLogin(testApp.baseUrl, DEV_STAFF.admin);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get('retry-after')) * 1000 + 300));
    expect((await staffLogin(testApp.baseUrl, DEV_STAFF.admin)).status).toBe(200);
  });
});
