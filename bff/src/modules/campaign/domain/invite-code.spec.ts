import { describe, expect, it } from '@jest/globals';
import { campaignIdFromSharePath, newInviteCode, parseInviteCode, sharePathOf, beijingDay } from './invite-code.js';

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

  it('reads the campaign a share path names (cid, or inside a QR scene), and nothing else', () => {
    const id = '0f8b5c9e-1d2a-4b3c-8d4e-5f6a7b8c9d0e';
    expect(campaignIdFromSharePath(`/packages/campaign/index/index?ic=ABCDEFGH&cid=${id}`)).toBe(id);
    expect(campaignIdFromSharePath(`/packages/campaign/index/index?cid=${id.toUpperCase()}&ic=ABCDEFGH`)).toBe(id);
    expect(campaignIdFromSharePath(`/pages/home/index?scene=${encodeURIComponent(`ic=ABCDEFGH&cid=${id}`)}`)).toBe(id);
    for (const none of [
      null,
      undefined,
      '',
      '/pages/home/index?ic=ABCDEFGH',
      `/pages/home/index#cid=${id}`,
      '/pages/home/index?ic=ABCDEFGH&cid=not-a-campaign',
      `/pages/home/index?cid=${id}x`,
      "/pages/home/index?cid=' OR 1=1 --",
    ])
      expect(campaignIdFromSharePath(none)).toBeNull();
  });
});
