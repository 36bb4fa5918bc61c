import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Order, StaffRole } from '@xiaoan/shared';
import { launchBrowser, type Browser } from '../support/browser.js';
import { consoleSession, loginToConsole } from '../support/console.js';
import { beijingDateIn, makeIdNumber, newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every console page as each role, in headless Chromium, with a screenshot of each for a person to
 * look at: a page a role may use shows its content (no error, no endless skeleton, no raw state
 * codes), a page it may not use shows the refusal.
 */
describe('every console page as each role', () => {
  let testApp: TestApp;
  let browser: Browser;
  let customerId: string;
  let policyNo: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await launchBrowser();
    const customer = await newCustomer(testApp);
    const ordered = await customer.order(await customer.quote({ flightDate: beijingDateIn(6) }), {
      name: '赵小云',
      phone: '13912340077',
      idNumber: makeIdNumber(),
    });
    customer.pay(ordered.body);
    policyNo = ((await customer.waitForOrder(ordered.body.id, ['issued'])) as Order & { policyNo: string }).policyNo;
    customerId = (
      await testApp.db.query<{ id: string }>(`SELECT id FROM customers WHERE openid = $1`, [customer.openid])
    ).rows[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  const PAGES: { name: string; path: () => string; allowed: StaffRole[]; ready: string }[] = [
    {
      name: 'home',
      path: () => '/console/',
      allowed: ['admin', 'support', 'marketing'],
      ready: '[data-testid=home-greeting]',
    },
    { name: 'dashboard', path: () => '/console/dashboard', allowed: ['admin'], ready: '[data-testid=dashboard]' },
    {
      name: 'staff-users',
      path: () => '/console/staff-users',
      allowed: ['admin'],
      ready: '[data-testid=staff-table] tbody tr.ant-table-row',
    },
    {
      name: 'audit-log',
      path: () => '/console/audit-log',
      allowed: ['admin'],
      ready: '[data-testid=audit-table] tbody tr.ant-table-row',
    },
    {
      name: 'customer-search',
      path: () => '/console/customers',
      allowed: ['admin', 'support'],
      ready: '[data-testid=search-value]',
    },
    {
      name: 'customer-360',
      path: () => `/console/customers/${customerId}`,
      allowed: ['admin', 'support'],
      ready: '[data-testid=orders-table] tbody tr.ant-table-row',
    },
    {
      name: 'replay',
      path: () => `/console/policies/${policyNo}/replay`,
      allowed: ['admin', 'support'],
      ready: '[data-testid=replay-version]',
    },
    {
      name: 'manual-claims',
      path: () => '/console/claims',
      allowed: ['admin', 'support'],
      ready: '.ant-card-head-title',
    },
    {
      name: 'weather-flags',
      path: () => '/console/weather-flags',
      allowed: ['admin', 'support'],
      ready: '.ant-card-head-title',
    },
  ];

  for (const role of ['admin', 'support', 'marketing'] as const) {
    it(`shows ${role} each page it may use, and refuses the others`, async () => {
      const session = await consoleSession(browser.context, `console-pages-${role}`);
      const errors: string[] = [];
      session.page.on('pageerror', (error) => errors.push(error.message));
      await session.run('walk', async () => {
        const { page, shot } = session;
        await loginToConsole(page, testApp.baseUrl, role);
        for (const target of PAGES) {
          await page.goto(`${testApp.baseUrl}${target.path()}`);
          if (target.allowed.includes(role)) {
            await page.locator(target.ready).first().waitFor({ timeout: 45_000 });
            await page.waitForFunction(`document.querySelectorAll('.ant-skeleton').length === 0`, undefined, {
              timeout: 20_000,
            });
            expect(await page.getByTestId('load-error').count()).toBe(0);
            const text = await page.locator('main, .ant-layout-content').first().innerText();
            // States and pages in words, never their codes.
            expect(text).not.toMatch(
              /\b(pending_payment|issued|refunded|manual_review|claimed|CREATING|WAIT_USER_CONFIRM)\b|packages\/buy/,
            );
          } else {
            await page.getByTestId('forbidden').waitFor({ timeout: 20_000 });
          }
          await shot(target.name);
        }
      });
      expect(errors).toEqual([]);
      await session.page.close();
    }, 180_000);
  }
});
