import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuthenticatedStaff } from '../../src/modules/staff/authenticated-staff.js';
import { ManageStaffUserUseCase } from '../../src/modules/staff/manage-staff-user.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { StaffLoginThrottle } from '../../src/modules/staff/staff-login-throttle.repository.js';
import { StaffUserRepository } from '../../src/modules/staff/staff-user.repository.js';
import { addMember, signedIn, staffLoginOf, type Member } from '../support/medium-staff.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * ManageStaffUserUseCase (an admin disables, enables, re-roles a member or resets their password)
 * on a real PostgreSQL, on members created by an admin and signed in by StaffLoginUseCase. Each
 * change is one transaction with its audit row and reason; a change to what already is writes
 * nothing. An admin can neither disable themselves nor drop their own admin role (so an admin
 * always remains); an unknown member is not found; each refusal changes nothing.
 */
describe('ManageStaffUserUseCase', () => {
  let medium: Medium;
  let manage: ManageStaffUserUseCase;
  let admin: AuthenticatedStaff;

  beforeAll(async () => {
    medium = await openMedium();
    manage = new ManageStaffUserUseCase(
      new StaffUserRepository(medium.dataSource),
      medium.unitOfWork,
      new StaffAudit(medium.dataSource),
      new StaffLoginThrottle(medium.dataSource, medium.config),
    );
    admin = await signedIn(medium, await addMember(medium, ['admin']));
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** The member's row, sessions, and the audit rows about them. */
  const stateOf = (id: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(u) FROM staff_users u WHERE u.id = $1) AS member,
              (SELECT json_agg(s ORDER BY s.created_at, s.id) FROM staff_sessions s WHERE s.staff_user_id = $1) AS sessions,
              (SELECT json_agg(a ORDER BY a.id) FROM staff_audit_log a WHERE a.resource_id = $1::text) AS audit`,
      [id],
    );
  const auditAbout = async (id: string) =>
    (
      await medium.db.query(
        `SELECT action, username AS by, reason, detail FROM staff_audit_log WHERE resource_id = $1 AND action LIKE 'staff_user_%' AND action <> 'staff_user_created' ORDER BY id`,
        [id],
      )
    ).rows;
  const liveSessions = async (member: Member) =>
    (
      await medium.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM staff_sessions WHERE staff_user_id = $1 AND revoked_at IS NULL`,
        [member.id],
      )
    ).rows[0]!.n;
  /** The self-lockout refusals are thrown before the method's promise exists: as the controller awaits them. */
  const refusalOf = async <T>(call: () => Promise<T>): Promise<T> => call();
  const signIn = (username: string, password: string) =>
    staffLoginOf(medium).execute({ username, password }, { ip: '10.40.0.1', requestId: undefined });

  describe('setEnabled', () => {
    it('disabling a member ends every session of theirs at once and stops their sign-in, with an audit row and reason', async () => {
      const member = await addMember(medium);
      await signedIn(medium, member);
      await signedIn(medium, member);

      const user = await manage.setEnabled(admin, member.id, false, '员工离职');

      expect(user).toMatchObject({ id: member.id, status: 'disabled', disabledAt: expect.any(String) });
      expect(await liveSessions(member)).toBe(0);
      expect(await auditAbout(member.id)).toEqual([
        {
          action: 'staff_user_disabled',
          by: admin.username,
          reason: '员工离职',
          detail: { username: member.username },
        },
      ]);
      await expect(signIn(member.username, member.password)).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    });

    it('disabling a member already disabled writes nothing', async () => {
      const member = await addMember(medium);
      await manage.setEnabled(admin, member.id, false, '员工离职');
      const once = await stateOf(member.id);

      await expect(manage.setEnabled(admin, member.id, false, '再次停用')).resolves.toMatchObject({
        status: 'disabled',
      });

      expect(await stateOf(member.id)).toBe(once);
    });

    it('enabling a disabled member lets them sign in again, with an audit row; their ended sessions stay ended', async () => {
      const member = await addMember(medium);
      await signedIn(medium, member);
      await manage.setEnabled(admin, member.id, false, '休假');

      await expect(manage.setEnabled(admin, member.id, true, '返岗')).resolves.toMatchObject({
        status: 'active',
        disabledAt: null,
      });

      expect(await liveSessions(member)).toBe(0);
      expect((await auditAbout(member.id)).map((a) => [a.action, a.reason])).toEqual([
        ['staff_user_disabled', '休假'],
        ['staff_user_enabled', '返岗'],
      ]);
      await expect(signIn(member.username, member.password)).resolves.toMatchObject({ token: expect.any(String) });
    });

    it('an admin cannot disable themselves: refused, and nothing changes', async () => {
      const before = await stateOf(admin.staffUserId);

      await expect(refusalOf(() => manage.setEnabled(admin, admin.staffUserId, false, '测试'))).rejects.toMatchObject({
        code: 'STAFF_SELF_LOCKOUT',
      });

      expect(await stateOf(admin.staffUserId)).toBe(before);
    });
  });

  describe('setRoles', () => {
    it("changes a member's roles, with an audit row naming the roles before and after", async () => {
      const member = await addMember(medium, ['support']);

      await expect(manage.setRoles(admin, member.id, ['support', 'marketing'], '兼任活动运营')).resolves.toMatchObject({
        roles: ['support', 'marketing'],
      });

      const { rows } = await medium.db.query(`SELECT roles FROM staff_users WHERE id = $1`, [member.id]);
      expect(rows).toEqual([{ roles: ['support', 'marketing'] }]);
      expect(await auditAbout(member.id)).toEqual([
        {
          action: 'staff_user_roles_changed',
          by: admin.username,
          reason: '兼任活动运营',
          detail: { username: member.username, from: ['support'], to: ['support', 'marketing'] },
        },
      ]);
      await expect(signIn(member.username, member.password)).resolves.toMatchObject({
        roles: ['support', 'marketing'],
      });
    });

    it('setting the roles a member already has writes nothing', async () => {
      const member = await addMember(medium, ['marketing']);
      const before = await stateOf(member.id);

      await manage.setRoles(admin, member.id, ['marketing'], '无变化');

      expect(await stateOf(member.id)).toBe(before);
    });

    it('an admin cannot drop their own admin role: refused, and nothing changes', async () => {
      const before = await stateOf(admin.staffUserId);

      await expect(
        refusalOf(() => manage.setRoles(admin, admin.staffUserId, ['support'], '调岗')),
      ).rejects.toMatchObject({
        code: 'STAFF_SELF_LOCKOUT',
      });

      expect(await stateOf(admin.staffUserId)).toBe(before);
    });

    it('an admin may add a role to themselves while keeping admin', async () => {
      const self = await signedIn(medium, await addMember(medium, ['admin']));

      await expect(manage.setRoles(self, self.staffUserId, ['admin', 'support'], '兼任客服')).resolves.toMatchObject({
        roles: ['admin', 'support'],
      });
    });

    it("an admin may take another admin's admin role (an admin, the actor, remains)", async () => {
      const other = await addMember(medium, ['admin']);

      await expect(manage.setRoles(admin, other.id, ['support'], '调岗')).resolves.toMatchObject({
        roles: ['support'],
      });
    });
  });

  describe('resetPassword', () => {
    it('gives a new one-time password that alone signs in (and must be changed), ends every session, with an audit row', async () => {
      const member = await addMember(medium);
      await signedIn(medium, member);

      const { user, oneTimePassword } = await manage.resetPassword(admin, member.id, '员工忘记密码');

      expect(user).toMatchObject({ id: member.id, mustChangePassword: true });
      expect(await liveSessions(member)).toBe(0);
      const audit = await auditAbout(member.id);
      expect(audit).toEqual([
        {
          action: 'staff_user_password_reset',
          by: admin.username,
          reason: '员工忘记密码',
          detail: { username: member.username },
        },
      ]);
      expect(JSON.stringify(audit)).not.toContain(oneTimePassword);
      await expect(signIn(member.username, member.password)).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
      await expect(signIn(member.username, oneTimePassword)).resolves.toMatchObject({ mustChangePassword: true });
    });

    it('lifts the lock of a member locked out by wrong passwords', async () => {
      const member = await addMember(medium);
      for (let i = 0; i < medium.config.staffLogin.maxFailures; i += 1) {
        await expect(signIn(member.username, 'wrong-password')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
      }
      await expect(signIn(member.username, member.password)).rejects.toMatchObject({ code: 'RATE_LIMITED' });

      const { user, oneTimePassword } = await manage.resetPassword(admin, member.id, '账号被锁定');

      expect(user.lockedUntil).toBeNull();
      await expect(signIn(member.username, oneTimePassword)).resolves.toMatchObject({ token: expect.any(String) });
    });
  });

  it.each([
    ['an unknown id', '00000000-0000-4000-8000-000000000000'],
    ['something that is not an id', 'dev-admin'],
  ])('%s is not found by any of the three, and nothing is written', async (_label, id) => {
    const before = await snapshot(
      medium.db,
      `SELECT (SELECT count(*) FROM staff_audit_log), (SELECT count(*) FROM staff_users)`,
    );

    await expect(manage.setEnabled(admin, id, false, '停用')).rejects.toMatchObject({ code: 'STAFF_USER_NOT_FOUND' });
    await expect(manage.setRoles(admin, id, ['support'], '调岗')).rejects.toMatchObject({
      code: 'STAFF_USER_NOT_FOUND',
    });
    await expect(manage.resetPassword(admin, id, '重置')).rejects.toMatchObject({ code: 'STAFF_USER_NOT_FOUND' });

    expect(
      await snapshot(medium.db, `SELECT (SELECT count(*) FROM staff_audit_log), (SELECT count(*) FROM staff_users)`),
    ).toBe(before);
  });
});
