/**
 * The staff session token lives in this tab only (sessionStorage): closing the tab signs out, and
 * two tabs may hold two different staff members (handy at a shared desk and in browser tests).
 */
const TOKEN_KEY = 'xiaoan.console.token';

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export const sessionTokenStore: TokenStore = {
  get: () => globalThis.sessionStorage?.getItem(TOKEN_KEY) ?? null,
  set: (token) => globalThis.sessionStorage?.setItem(TOKEN_KEY, token),
  clear: () => globalThis.sessionStorage?.removeItem(TOKEN_KEY),
};
