import { describe, expect, it } from '@jest/globals';
import { newInviteCode, parseInviteCode, sharePathOf, beijingDay } from './invite-code.js';

describe('invite codes', () => {
  it('are 8 characters from an alphabet without look-alikes, and parse back', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newInviteCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(parseInviteCode(code.toLowerCase())).toBe(code);
    }
  });

  it('refuses anything that is not a code', () => {
    for (const bad of [undefined, 42, '', 'ABC', 'ABCDEFG0', 'ABCDEFGHI', "A' OR 1=1"])
      expect(parseInviteCode(bad)).toBeNull();
  });

  it('puts the code in the share path, and counts days in Beijing time', () => {
    expect(sharePathOf('ABCDEFGH')).toBe('/pages/home/index?ic=ABCDEFGH');
    expect(beijingDay(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05');
  });
});
