import type { StaffRole } from '@xiaoan/shared';
import type pg from 'pg';
import { createStaffMember, staffToken, type ApiAnswer } from './console.js';
import type { TestApp } from './test-app.js';

/** A signed-in staff member bound to one test app, for tests that call many staff routes. */
export interface StaffClient {
  token: string;
  username: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

/**
 * The staff routes with a token (or none). Like console.ts's staffApi, but a route that answers a
 * file (the e-policy PDF) gives `{bytes}` instead of failing to parse.
 */
export const staffApi =
  (testApp: TestApp, token: string | null) =>
  async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${testApp.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (response.headers.get('content-type') ?? '').includes('json');
    const parsed = json ? await response.json() : { bytes: (await response.arrayBuffer()).byteLength };
    return { status: response.status, headers: response.headers, body: parsed as ApiAnswer<T>['body'] };
  };

/** A member with one role, made below the API (console.ts) and signed in over HTTP. */
export const newStaffUser = async (testApp: TestApp, role: StaffRole): Promise<StaffClient> => {
  const credentials = await createStaffMember(testApp, { roles: [role] });
  const token = await staffToken(testApp.baseUrl, credentials);
  return { token, username: credentials.username, api: staffApi(testApp, token) };
};

/** Signs an existing staff member in over HTTP (the simulator's dev staff: `dev-support`, `dev-admin`, `dev-marketing`). */
export const staffSignIn = async (
  testApp: TestApp,
  username: string,
  password = 'xiaoan-dev-staff',
): Promise<StaffClient> => {
  const token = await staffToken(testApp.baseUrl, { username, password });
  return { token, username, api: staffApi(testApp, token) };
};

/** A staff member of the marketing role only (no access to support's desks), by name. */
export const marketingStaff = async (testApp: TestApp, _db: pg.Client, username: string): Promise<StaffClient> => {
  const credentials = await createStaffMember(testApp, { roles: ['marketing'], username });
  const token = await staffToken(testApp.baseUrl, credentials);
  return { token, username, api: staffApi(testApp, token) };
};
