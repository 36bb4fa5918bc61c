import type { StaffLoginResponse } from '@xiaoan/shared';
import type pg from 'pg';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import type { TestApp } from './test-app.js';

export interface StaffClient {
  token: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T & { code?: string } }>;
}

/** Signs a staff user in over HTTP (the simulator's dev staff: `dev-support`, `dev-admin`). */
export const staffSignIn = async (testApp: TestApp, username: string, password = 'xiaoan-dev-staff'): Promise<StaffClient> => {
  const response = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const login = (await response.json()) as StaffLoginResponse & { code?: string };
  if (response.status !== 200) throw new Error(`staff login ${username} failed: ${response.status} ${login.code}`);
  return {
    token: login.token,
    api: async <T>(method: string, path: string, body?: unknown) => {
      const answer = await fetch(`${testApp.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${login.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: answer.status, body: (await answer.json()) as T & { code?: string } };
    },
  };
};

/** A staff user of the marketing role (no access to support's desks). */
export const marketingStaff = async (testApp: TestApp, db: pg.Client, username: string): Promise<StaffClient> => {
  await db.query(
    `INSERT INTO staff_users (username, display_name, role, password_hash) VALUES ($1, '市场', 'marketing', $2) ON CONFLICT DO NOTHING`,
    [username, await hashStaffPassword('marketing-pass')],
  );
  return staffSignIn(testApp, username, 'marketing-pass');
};
