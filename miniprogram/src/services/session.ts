import Taro from '@tarojs/taro';
import { devLoginCodeResponseSchema, wechatLoginResponseSchema } from '@xiaoan/shared';
import { ApiError } from './api-error';
import { loadAppConfig } from './app-config';
import { request } from './http';
import { launchAttribution } from './invite-attribution';
import { currentPlatform } from './platform';

/** Only the session token is kept on the device (never a real openid or a login code). */
export const SESSION_STORAGE_KEY = 'xiaoan.session';
/**
 * H5 with the simulator only: the stand-in user's openid, made up once per browser. Without it
 * every lost token would mint a new simulated WeChat user, and their policies and claims with it.
 */
export const DEV_OPENID_STORAGE_KEY = 'xiaoan.devOpenid';
/** What the dev login endpoint accepts. */
const DEV_OPENID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
/** Log in again a minute before the token would expire rather than get a 401 mid-purchase. */
const EXPIRY_MARGIN_MS = 60_000;

interface StoredSession {
  token: string;
  expiresAt: string;
}

const readStored = (): StoredSession | null => {
  try {
    const value: unknown = Taro.getStorageSync(SESSION_STORAGE_KEY);
    if (!value || typeof value !== 'object') return null;
    const { token, expiresAt } = value as Partial<StoredSession>;
    if (typeof token !== 'string' || typeof expiresAt !== 'string') return null;
    return { token, expiresAt };
  } catch {
    return null;
  }
};

/** The stored token if it is still good, else null. */
export const currentToken = (): string | null => {
  const stored = readStored();
  if (!stored) return null;
  const expiresAt = Date.parse(stored.expiresAt);
  if (Number.isNaN(expiresAt) || expiresAt - EXPIRY_MARGIN_MS <= Date.now()) return null;
  return stored.token;
};

export const clearSession = (): void => {
  try {
    Taro.removeStorageSync(SESSION_STORAGE_KEY);
  } catch {
    // Storage unavailable (private mode): nothing to clear.
  }
};

const randomToken = (length: number): string => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const c = (globalThis as { crypto?: Crypto }).crypto;
  const bytes = new Uint8Array(length);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
};

/** The simulated user this browser logs in as: read from storage, or made up and stored once. */
export const devOpenid = (): string => {
  try {
    const stored: unknown = Taro.getStorageSync(DEV_OPENID_STORAGE_KEY);
    if (typeof stored === 'string' && DEV_OPENID_PATTERN.test(stored)) return stored;
  } catch {
    // Storage unavailable: a fresh id, which only costs continuity.
  }
  const openid = `dev_${randomToken(20)}`;
  try {
    Taro.setStorageSync(DEV_OPENID_STORAGE_KEY, openid);
  } catch {
    // Not persisted: the next login is a new simulated user.
  }
  return openid;
};

/**
 * The one-time login code. weapp: `wx.login`. H5 has no WeChat: in development the simulator
 * mints a code for a stand-in user; anywhere else we say so instead of faking a login.
 */
const obtainLoginCode = async (): Promise<string> => {
  if (currentPlatform() === 'weapp') {
    try {
      const { code } = await Taro.login();
      if (code) return code;
    } catch {
      // Fall through to the same error.
    }
    throw ApiError.client('LOGIN_FAILED');
  }
  const config = await loadAppConfig();
  if (!config.simulator) throw ApiError.client('WECHAT_REQUIRED');
  const { code } = await request(devLoginCodeResponseSchema, '/api/dev/sim/login-code', {
    method: 'POST',
    data: { openid: devOpenid() },
  });
  return code;
};

let loggingIn: Promise<string> | null = null;

/** Logs in now, whatever is stored. Concurrent callers share one login. */
export const renewSession = (): Promise<string> => {
  loggingIn ??= (async () => {
    clearSession();
    const code = await obtainLoginCode();
    // Opened through a share card or poster: the invite code goes with the login (bound only on a first login).
    const session = await request(wechatLoginResponseSchema, '/api/v1/auth/wechat-login', {
      method: 'POST',
      data: { code, ...launchAttribution() },
    });
    try {
      Taro.setStorageSync(SESSION_STORAGE_KEY, session);
    } catch {
      // Not persisted: the next screen logs in again, which is slower but correct.
    }
    return session.token;
  })().finally(() => {
    loggingIn = null;
  });
  return loggingIn;
};

/** A usable token: the stored one, or a fresh login. */
export const ensureSession = async (): Promise<string> => currentToken() ?? renewSession();
