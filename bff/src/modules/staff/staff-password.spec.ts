import { describe, expect, it } from '@jest/globals';
import {
  generateStaffPassword,
  hashStaffPassword,
  verifyAgainstNobody,
  verifyStaffPassword,
} from './staff-password.js';

describe('staff passwords', () => {
  it('are stored salted and verify only with the right password', async () => {
    const first = await hashStaffPassword('correct horse');
    const second = await hashStaffPassword('correct horse');
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
    expect(await verifyStaffPassword('correct horse', first)).toBe(true);
    expect(await verifyStaffPassword('correct hors', first)).toBe(false);
    expect(await verifyStaffPassword('correct horse', 'md5$whatever')).toBe(false);
  });

  it('refuse a stored hash whose parameters would cost unbounded memory', async () => {
    const stored = await hashStaffPassword('correct horse');
    const greedy = stored.replace(/^scrypt\$16384\$8\$/, 'scrypt$1048576$64$');
    expect(await verifyStaffPassword('correct horse', greedy)).toBe(false);
  });

  it('answer many checks at once without running more than a few hashes together, refusing the overflow', async () => {
    const stored = await hashStaffPassword('correct horse');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, () => verifyStaffPassword('correct horse', stored)),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((outcome) => (outcome as PromiseRejectedResult).reason.code === 'RATE_LIMITED')).toBe(true);
    expect(
      outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value === true).length,
    ).toBeGreaterThanOrEqual(32);
  });

  it('check an unknown user as slowly as a known one, and never accept', async () => {
    expect(await verifyAgainstNobody('anything')).toBe(false);
  });

  it('generate one-time passwords that are long, readable and different each time', () => {
    const passwords = new Set(Array.from({ length: 50 }, generateStaffPassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  });
});
