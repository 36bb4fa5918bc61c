import Taro from '@tarojs/taro';
import { devLoginCodeResponseSchema, wechatLoginResponseSchema } from '@xiaoan/shared';
import { ApiError } from './api-error';
import { loadAppConfig } from './app-config';
import { request } from './http';
import { currentPlatform } from './platform';

/** Only the session token is kept on the device (never the openid or a login code). */
export const SESSION_STORAGE_KEY = 'xiaoan.session';
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
    data: {},
  });
  return code;
};

let loggingIn: Promise<string> | null = null;

/** Logs in now, whatever is stored. Concurrent callers share one login. */
export const renewSession = (): Promise<string> => {
  loggingIn ??= (async () => {
    clearSession();
    const code = await obtainLoginCode();
    const session = await request(wechatLoginResponseSchema, '/api/v1/auth/wechat-login', {
      method: 'POST',
      data: { code },
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
