import { describe, expect, it } from '@jest/globals';
import { hashStaffPassword, verifyStaffPassword } from './staff-password.js';

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
});
