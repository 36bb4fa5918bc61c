import type { StaffRole } from '@xiaoan/shared';
import { createStaffMember, staffApi, staffToken, type ApiAnswer } from './console.js';
import type { TestApp } from './test-app.js';

/** A signed-in staff member bound to one test app, for tests that call many staff routes. */
export interface StaffClient {
  token: string;
  username: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

/** The staff routes bound to one test app and token (or none). */
export const staffApiOf =
  (testApp: TestApp, token: string | null) =>
  <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> =>
    staffApi<T>(testApp.baseUrl, token, method, path, body);

/** A member with one role, made below the API (console.ts) and signed in over HTTP. */
export const newStaffUser = async (testApp: TestApp, role: StaffRole): Promise<StaffClient> => {
  const credentials = await createStaffMember(testApp, { roles: [role] });
  const token = await staffToken(testApp.baseUrl, credentials);
  return { token, username: credentials.username, api: staffApiOf(testApp, token) };
};

/** Signs an existing staff member in over HTTP (the simulator's dev staff: `dev-support`, `dev-admin`, `dev-marketing`). */
export const staffSignIn = async (
  testApp: TestApp,
  username: string,
  password = 'xiaoan-dev-staff',
): Promise<StaffClient> => {
  const token = await staffToken(testApp.baseUrl, { username, password });
  return { token, username, api: staffApiOf(testApp, token) };
};

/** A staff member of the marketing role only (no access to support's desks), by name. */
export const marketingStaff = async (testApp: TestApp, username: string): Promise<StaffClient> => {
  const credentials = await createStaffMember(testApp, { roles: ['marketing'], username });
  const token = await staffToken(testApp.baseUrl, credentials);
  return { token, username, api: staffApiOf(testApp, token) };
};
