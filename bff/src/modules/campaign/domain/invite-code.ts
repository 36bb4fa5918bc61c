import { beijingDateOf } from '@xiaoan/shared';
import { randomInt } from 'node:crypto';

/** Crockford-style alphabet: no 0/O, 1/I/L, so a code read aloud or typed survives. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_CODE = /^[2-9A-HJKMNP-Z]{8}$/;

export const newInviteCode = (): string =>
  Array.from({ length: INVITE_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** Codes arrive from share paths and QR scenes: normalised, and anything else is no code at all. */
export const parseInviteCode = (raw: unknown): string | null => {
  if (typeof raw !== 'string') return null;
  const code = raw.trim().toUpperCase();
  return INVITE_CODE.test(code) ? code : null;
};

/** The mini-program path a share card carries (wechat.md §7: the referral code goes in `path`). */
export const sharePathOf = (code: string): string => `/pages/home/index?ic=${code}`;

/** The Beijing calendar day of an instant, `YYYY-MM-DD`: daily caps reset at Beijing midnight. */
export const beijingDay = (at: Date): string => beijingDateOf(at);

const CAMPAIGN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The campaign a share card belongs to: the campaign page's share path carries `cid=<campaign id>`
 * next to `ic=<invite code>` (and a QR code's `scene` may carry the same pair, URL-encoded). A path
 * without one, or with anything but a campaign id there, names no campaign: attribution is never a
 * reason to refuse an open or a login.
 */
export const campaignIdFromSharePath = (path: string | null | undefined): string | null => {
  if (!path) return null;
  const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  let cid = params.get('cid');
  const scene = params.get('scene');
  if (!cid && scene) {
    let decoded = scene;
    try {
      decoded = decodeURIComponent(scene);
    } catch {
      // Not encoded.
    }
    cid = new URLSearchParams(decoded).get('cid');
  }
  const id = cid?.trim().toLowerCase();
  return id && CAMPAIGN_ID.test(id) ? id : null;
};
