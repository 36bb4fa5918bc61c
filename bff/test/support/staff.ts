import type { StaffLoginResponse, StaffRole } from '@xiaoan/shared';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import type { TestApp } from './test-app.js';

export interface StaffClient {
  token: string;
  username: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T & { code?: string }; headers: Headers }>;
}

/** A staff user of the given role, created in the app's database (dev users exist only in simulator mode). */
export const newStaffUser = async (testApp: TestApp, role: StaffRole, username = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<StaffClient> => {
  const password = `pw-${username}`;
  await testApp.db.query(`INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ($1, $2, $3, $4)`, [
    username,
    `测试${role}`,
    [role],
    await hashStaffPassword(password),
  ]);
  return staffLogin(testApp, username, password);
};

export const staffLogin = async (testApp: TestApp, username: string, password: string): Promise<StaffClient> => {
  const response = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as StaffLoginResponse;
  if (response.status !== 200) throw new Error(`staff login failed: ${response.status} ${JSON.stringify(body)}`);
  return { token: body.token, username, api: staffApi(testApp, body.token) };
};

export const staffApi =
  (testApp: TestApp, token: string | null) =>
  async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${testApp.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await response.json() : { bytes: (await response.arrayBuffer()).byteLength };
    return { status: response.status, body: parsed as T & { code?: string }, headers: response.headers };
  };
