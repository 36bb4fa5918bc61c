import Taro from '@tarojs/taro';
import { z } from 'zod';
import { request } from './http';
import { currentPlatform } from './platform';

/** What a login carries about how the user came in (a share card's path, a poster's QR code). */
export interface LoginAttribution {
  inviteCode?: string;
  sharePath?: string;
  scene?: number;
}

const INVITE_CODE = /^[2-9A-HJKMNP-Z]{8}$/;

const codeOf = (raw: string | undefined): string | undefined => {
  const code = raw?.trim().toUpperCase();
  return code && INVITE_CODE.test(code) ? code : undefined;
};

/**
 * A share card's path carries `ic=<code>`; a poster's mini-program code (getUnlimitedQRCode)
 * carries it in `scene`, URL-encoded (`ic%3DABCDEFGH`) or bare. Anything else is no code.
 */
export const attributionFromLaunch = (launch: {
  path?: string;
  query?: Record<string, string | undefined>;
  scene?: number;
}): LoginAttribution => {
  const query = launch.query ?? {};
  let inviteCode = codeOf(query.ic);
  if (!inviteCode && query.scene) {
    let scene = query.scene;
    try {
      scene = decodeURIComponent(scene);
    } catch {
      // Not encoded.
    }
    inviteCode = codeOf(new URLSearchParams(scene).get('ic') ?? scene);
  }
  if (!inviteCode) return {};
  const search = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const path = launch.path ? `/${launch.path.replace(/^\//, '')}${search ? `?${search}` : ''}` : undefined;
  return {
    inviteCode,
    ...(path ? { sharePath: path.slice(0, 256) } : {}),
    ...(launch.scene !== undefined ? { scene: launch.scene } : {}),
  };
};

/** The launch's attribution: weapp launch options; in H5 the page URL's query (search or hash). */
export const launchAttribution = (): LoginAttribution => {
  try {
    if (currentPlatform() === 'weapp') {
      const options = (
        Taro as unknown as {
          getLaunchOptionsSync?: () => { path?: string; query?: Record<string, string>; scene?: number };
        }
      ).getLaunchOptionsSync?.();
      return options ? attributionFromLaunch(options) : {};
    }
    if (typeof window === 'undefined') return {};
    const { pathname, search, hash } = window.location;
    const [hashPath, hashQuery] = hash.replace(/^#/, '').split('?');
    const params = new URLSearchParams(search || (hashQuery ? `?${hashQuery}` : ''));
    const query = Object.fromEntries(params.entries());
    return attributionFromLaunch({ path: (hashPath || pathname).replace(/^\//, ''), query });
  } catch {
    return {};
  }
};

let openReported = false;

/**
 * Once per launch, tells the BFF that a share card or poster was opened (its code, path and scene):
 * attribution and the campaign funnel's first step only — nothing is ever rewarded for an open.
 * Failures are ignored: the app works the same without it.
 */
export const reportCardOpen = async (): Promise<void> => {
  if (openReported) return;
  const attribution = launchAttribution();
  if (!attribution.inviteCode) return;
  openReported = true;
  await request(z.unknown(), '/api/v1/campaigns/card-opens', { method: 'POST', data: { ...attribution } }).catch(
    () => undefined,
  );
};
