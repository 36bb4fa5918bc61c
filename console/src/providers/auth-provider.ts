import type { AuthProvider } from '@refinedev/core';
import type { StaffLoginRequest } from '@xiaoan/shared';
import { ApiError, describeError } from '../api/api-error.js';
import { staffSession, type StaffSession } from '../access/staff-session.js';

/** Where a member who must set a new password is sent, whatever they asked for. */
export const PASSWORD_PATH = '/password';

const failure = (error: unknown) => ({ name: '登录失败', message: describeError(error) });

/** refine's auth provider over the BFF's staff sessions. */
export const createAuthProvider = (session: StaffSession = staffSession): AuthProvider => ({
  login: async (credentials: StaffLoginRequest) => {
    try {
      const answer = await session.login({ username: credentials.username, password: credentials.password });
      await session.load();
      return { success: true, redirectTo: answer.mustChangePassword ? PASSWORD_PATH : '/' };
    } catch (error) {
      return { success: false, error: failure(error) };
    }
  },
  logout: async () => {
    await session.logout();
    return { success: true, redirectTo: '/login' };
  },
  check: async () => {
    try {
      const signedIn = await session.load();
      if (!signedIn) return { authenticated: false, redirectTo: '/login', logout: true };
      return { authenticated: true };
    } catch (error) {
      return { authenticated: false, redirectTo: '/login', error: failure(error) };
    }
  },
  onError: async (error: unknown) => {
    if (error instanceof ApiError && error.statusCode === 401) {
      session.forget();
      return { logout: true, redirectTo: '/login' };
    }
    if (error instanceof ApiError && error.code === 'STAFF_PASSWORD_CHANGE_REQUIRED')
      return { redirectTo: PASSWORD_PATH };
    return {};
  },
  getIdentity: async () => {
    const signedIn = await session.load();
    if (!signedIn) return null;
    const { member } = signedIn.me;
    return { ...member, name: member.displayName };
  },
  getPermissions: async () => (await session.load())?.me.member.roles ?? [],
});
