import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeStaffPasswordUseCase } from '../../src/modules/staff/change-staff-password.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { StaffUserRepository } from '../../src/modules/staff/staff-user.repository.js';
import { addMember, signedIn, staffLoginOf, type Member } from '../support/medium-staff.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * ChangeStaffPasswordUseCase on a real PostgreSQL, for members created by an admin (with a
 * one-time password) and signed in by StaffLoginUseCase. With the right current password the new
 * one replaces it (the old no longer signs in), the one-time flag is cleared, every other session
 * of the member ends and this one stays, with an audit row; a wrong current password is refused
 * and nothing changes. (The new password's own rules — length, not the current one — are the
 * request schema's, checked before the use case is called.)
 */
describe('ChangeStaffPasswordUseCase', () => {
  let medium: Medium;
  let change: ChangeStaffPasswordUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    change = new ChangeStaffPasswordUseCase(
      new StaffUserRepository(medium.dataSource),
      medium.unitOfWork,
      new StaffAudit(medium.dataSource),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stateOf = (member: Member) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(u) FROM staff_users u WHERE u.id = $1) AS member,
              (SELECT json_agg(s ORDER BY s.created_at, s.id) FROM staff_sessions s WHERE s.staff_user_id = $1) AS sessions,
              (SELECT json_agg(a ORDER BY a.id) FROM staff_audit_log a WHERE a.username = $2) AS audit`,
      [member.id, member.username],
    );
  const signIn = (username: string, password: string) =>
    staffLoginOf(medium).execute({ username, password }, { ip: '10.30.0.1', requestId: undefined });

  it("the right current password sets the new one, clears the one-time flag, ends the member's other sessions, with an audit row", async () => {
    const member = await addMember(medium);
    const elsewhere = await signedIn(medium, member);
    const here = await signedIn(medium, member);

    await change.execute(here, { currentPassword: member.password, newPassword: 'a-new-long-passphrase-42' });

    const { rows: user } = await medium.db.query(
      `SELECT must_change_password, password_changed_at IS NOT NULL AS changed FROM staff_users WHERE id = $1`,
      [member.id],
    );
    expect(user).toEqual([{ must_change_password: false, changed: true }]);
    const { rows: sessions } = await medium.db.query(
      `SELECT id::text, revoked_at IS NOT NULL AS revoked FROM staff_sessions WHERE staff_user_id = $1 ORDER BY id`,
      [member.id],
    );
    expect(sessions).toEqual(
      expect.arrayContaining([
        { id: elsewhere.sessionId, revoked: true },
        { id: here.sessionId, revoked: false },
      ]),
    );
    expect(sessions).toHaveLength(2);
    const { rows: audit } = await medium.db.query(
      `SELECT staff_user_id::text AS staff, resource_type, resource_id, ip, request_id FROM staff_audit_log WHERE username = $1 AND action = 'password_changed'`,
      [member.username],
    );
    expect(audit).toEqual([
      {
        staff: member.id,
        resource_type: 'staff_user',
        resource_id: member.id,
        ip: here.ip,
        request_id: here.requestId,
      },
    ]);
  });

  it('afterwards the new password signs in without the one-time flag, and the old one is refused', async () => {
    const member = await addMember(medium);
    const here = await signedIn(medium, member);

    await change.execute(here, { currentPassword: member.password, newPassword: 'another-passphrase-77' });

    await expect(signIn(member.username, 'another-passphrase-77')).resolves.toMatchObject({
      mustChangePassword: false,
    });
    await expect(signIn(member.username, member.password)).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
  });

  it('a wrong current password is refused: the password, the flag, every session and the trail stay as they were', async () => {
    const member = await addMember(medium);
    await signedIn(medium, member);
    const here = await signedIn(medium, member);
    const before = await stateOf(member);

    await expect(
      change.execute(here, { currentPassword: 'not-my-password', newPassword: 'a-new-long-passphrase-42' }),
    ).rejects.toMatchObject({ code: 'STAFF_CURRENT_PASSWORD_WRONG' });

    expect(await stateOf(member)).toBe(before);
    await expect(signIn(member.username, member.password)).resolves.toMatchObject({ mustChangePassword: true });
  });

  it("another member's current password does not change this member's", async () => {
    const member = await addMember(medium);
    const other = await addMember(medium);
    const here = await signedIn(medium, member);
    const before = await stateOf(member);

    await expect(
      change.execute(here, { currentPassword: other.password, newPassword: 'a-new-long-passphrase-42' }),
    ).rejects.toMatchObject({ code: 'STAFF_CURRENT_PASSWORD_WRONG' });

    expect(await stateOf(member)).toBe(before);
  });
});
