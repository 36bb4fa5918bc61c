import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { StaffLoginResponse, StaffRole } from '@xiaoan/shared';
import { DEV_STAFF_PASSWORD } from '../../src/modules/staff/dev-staff.seed.js';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import { ARTIFACTS_DIR } from './browser.js';
import type { TestApp } from './test-app.js';

/**
 * Staff console helpers for API and browser tests: make staff members in the app's database, sign
 * them in over HTTP, call staff routes, and drive the console at /console/ in headless Chromium.
 * In test apps (simulator mode) dev-admin, dev-support and dev-marketing exist with DEV_STAFF_PASSWORD.
 */

export const DEV_STAFF: Record<StaffRole, { username: string; password: string }> = {
  admin: { username: 'dev-admin', password: DEV_STAFF_PASSWORD },
  support: { username: 'dev-support', password: DEV_STAFF_PASSWORD },
  marketing: { username: 'dev-marketing', password: DEV_STAFF_PASSWORD },
};

export interface StaffCredentials {
  username: string;
  password: string;
}

export interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  body: T & { code?: string; message?: string; details?: unknown };
}

/** A staff member inserted below the API (for roles the dev seed lacks, e.g. support + marketing). */
export const createStaffMember = async (
  testApp: TestApp,
  member: {
    roles: StaffRole[];
    username?: string;
    displayName?: string;
    password?: string;
    mustChangePassword?: boolean;
  },
): Promise<StaffCredentials & { id: string }> => {
  const username = member.username ?? `t-${member.roles.join('-')}-${randomBytes(3).toString('hex')}`;
  const password = member.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const { rows } = await testApp.db.query<{ id: string }>(
    `INSERT INTO staff_users (username, display_name, roles, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      username,
      member.displayName ?? `测试${member.roles.join('')}`,
      member.roles,
      await hashStaffPassword(password),
      member.mustChangePassword ?? false,
    ],
  );
  return { id: rows[0]!.id, username, password };
};

export const staffLogin = async (
  baseUrl: string,
  credentials: StaffCredentials,
): Promise<ApiAnswer<StaffLoginResponse>> => {
  const response = await fetch(`${baseUrl}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as ApiAnswer<StaffLoginResponse>['body'],
  };
};

/** Signs in and returns the token; fails the test when the sign-in does not succeed. */
export const staffToken = async (baseUrl: string, credentials: StaffCredentials): Promise<string> => {
  const answer = await staffLogin(baseUrl, credentials);
  if (answer.status !== 200)
    throw new Error(`staff login of ${credentials.username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
};

/**
 * A staff route, with a token (or none). A JSON answer is parsed; a file (the e-policy PDF, a CSV)
 * gives `{bytes}`; an empty answer gives `{}`.
 */
export const staffApi = async <T = unknown>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('json');
  const parsed: unknown =
    bytes.length === 0 ? {} : json ? JSON.parse(bytes.toString('utf8')) : { bytes: bytes.byteLength };
  return { status: response.status, headers: response.headers, body: parsed as ApiAnswer<T>['body'] };
};

export interface ConsoleSession {
  page: Page;
  /** A full-page screenshot in bff/test-artifacts/<prefix>-<name>.png. */
  shot(name: string): Promise<void>;
  /** Runs a flow; on failure leaves a screenshot and says which API calls failed in the browser. */
  run<T>(name: string, flow: () => Promise<T>): Promise<T>;
}

/** A desktop-sized page for the console, collecting what went wrong in the browser for failure messages. */
export const consoleSession = async (context: BrowserContext, prefix: string): Promise<ConsoleSession> => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400)
      failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${prefix}-${name}.png`), fullPage: true });
  };
  return {
    page,
    shot,
    run: async (name, flow) => {
      try {
        return await flow();
      } catch (error) {
        await page
          .screenshot({ path: join(ARTIFACTS_DIR, `${prefix}-${name}-failure.png`), fullPage: true })
          .catch(() => undefined);
        throw new Error(`${(error as Error).message}\nbrowser saw: ${failures.join('; ') || 'no API errors'}`, {
          cause: error,
        });
      }
    },
  };
};

/**
 * Signs in on the console's login page (each page has its own session: sessionStorage) and waits
 * for the home page, or for the password page when `expect` says a one-time password is used.
 */
export const loginToConsole = async (
  page: Page,
  baseUrl: string,
  who: StaffRole | StaffCredentials,
  options: { expect?: 'home' | 'password' } = {},
): Promise<void> => {
  const credentials = typeof who === 'string' ? DEV_STAFF[who] : who;
  await page.goto(`${baseUrl}/console/login`);
  await page.locator('#username').waitFor({ timeout: 20000 });
  await page.fill('#username', credentials.username);
  await page.fill('#password', credentials.password);
  await page.click('button[type=submit]');
  if ((options.expect ?? 'home') === 'home')
    await page.locator('[data-testid=home-greeting]').waitFor({ timeout: 20000 });
  else await page.locator('[data-testid=must-change-password]').waitFor({ timeout: 20000 });
};

/** The labels of the console's side menu, as the member sees them. */
export const consoleMenu = async (page: Page): Promise<string[]> => {
  const items = page.locator('.ant-layout-sider .ant-menu-item');
  await items.first().waitFor({ timeout: 20000 });
  return (await items.allTextContents()).map((text) => text.trim()).filter(Boolean);
};

/** The steps of 活动数据's funnel, top to bottom. */
export const FUNNEL_STEPS = ['卡片打开', '新用户绑定', '完成任务', '发放奖励', '已到账'] as const;

/**
 * What 活动数据 shows of the funnel: the step counts as text, and the chart's own, read from the
 * chart itself by hovering each of its five segments top to bottom and reading its tooltip
 * (`卡片打开：5人`). Both are whitespace-free strings.
 */
export const funnelOnPage = async (page: Page): Promise<{ steps: string[]; tooltips: string[] }> => {
  const steps = (await page.locator('[data-testid=funnel-steps] > *').allInnerTexts()).map((s) => s.replace(/\s/g, ''));
  const chart = page.locator('[data-testid=chart-funnel]');
  await chart.locator('canvas').waitFor({ timeout: 60_000 });
  const box = (await chart.locator('canvas').boundingBox())!;
  // The funnel series sits 60px below the top and above the bottom of its box, in five equal bands.
  const band = (box.height - 120) / 5;
  const tooltips: string[] = [];
  for (let i = 0; i < FUNNEL_STEPS.length; i += 1) {
    await page.mouse.move(box.x + box.width / 2, box.y + 60 + band * i + band / 2);
    const tooltip = chart.locator('div', { hasText: `${FUNNEL_STEPS[i]}：` }).last();
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    tooltips.push((await tooltip.innerText()).replace(/\s/g, ''));
  }
  await page.mouse.move(0, 0);
  return { steps, tooltips };
};
