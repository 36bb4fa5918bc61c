import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBrowser, type Browser } from '../support/browser.js';
import { consoleMenu, consoleSession, loginToConsole } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { Page } from 'playwright-core';

/** Waits until the audit table shows the filtered answer: rows, all of this member. */
const onlyRowsOf = (page: Page, username: string) =>
  page.waitForFunction(
    `(() => {
      const rows = [...document.querySelectorAll('[data-testid=audit-table] tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((row) => row.querySelector('td:nth-child(3)')?.textContent === ${JSON.stringify(username)});
    })()`,
    undefined,
    { timeout: 20000 },
  );

/**
 * The staff console in headless Chromium, served by the BFF at /console/: an admin creates a
 * marketing colleague, who signs in with the one-time password, must set their own, and then sees
 * only what marketing may; the admin reads it all in the audit log.
 */
describe('the staff console in the browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lets an admin create a marketing user who then sees only what marketing may', async () => {
    const admin = await consoleSession(browser.context, 'console-admin');
    const oneTimePassword = await admin.run('create-marketing', async () => {
      const { page, shot } = admin;
      await loginToConsole(page, testApp.baseUrl, 'admin');
      expect(await consoleMenu(page)).toEqual([
        '首页',
        '客户查询',
        '客服收件箱',
        '客服质量',
        '投诉工单',
        '人工审核理赔',
        '气象更正复核',
        '运营看板',
        '分享活动',
        '活动奖励审核',
        '活动数据',
        '员工账号',
        '审计日志',
        '退出登录',
      ]);
      await shot('1-home');

      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '员工账号' }).click();
      await page.locator('[data-testid=staff-table] tbody tr', { hasText: 'dev-support' }).waitFor({ timeout: 20000 });
      await page.locator('[data-testid=create-staff]').click();
      const form = page.locator('[data-testid=create-staff-form]');
      await form.locator('#username').fill('mkt.wang');
      await form.locator('#displayName').fill('王市场');
      await form.locator('.ant-checkbox-wrapper', { hasText: '市场' }).click();
      await shot('2-create');
      await page.locator('.ant-modal-footer .ant-btn-primary').first().click();
      const password = page.locator('[data-testid=one-time-password]');
      await password.waitFor({ timeout: 20000 });
      const text = (await password.innerText()).trim();
      expect(text).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      await shot('3-one-time-password');
      await page.locator('.ant-modal-footer .ant-btn-primary', { hasText: '我已记下' }).click();
      const row = page.locator('[data-testid=staff-table] tbody tr', { hasText: 'mkt.wang' });
      await row.waitFor({ timeout: 20000 });
      expect(await row.innerText()).toContain('待设置密码');
      return text;
    });

    const marketing = await consoleSession(browser.context, 'console-marketing');
    await marketing.run('first-login', async () => {
      const { page, shot } = marketing;
      await loginToConsole(
        page,
        testApp.baseUrl,
        { username: 'mkt.wang', password: oneTimePassword },
        { expect: 'password' },
      );
      await shot('1-must-change-password');
      await page.locator('#currentPassword').fill(oneTimePassword);
      await page.locator('#newPassword').fill('wang-own-password-1');
      await page.locator('#confirmPassword').fill('wang-own-password-1');
      await page.locator('button[type=submit]').click();
      await page.locator('[data-testid=home-greeting]').waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=home-greeting]').innerText()).toContain('王市场');
      expect(await page.locator('[data-testid=home-role]').allInnerTexts()).toEqual(['市场']);
      expect(await consoleMenu(page)).toEqual(['首页', '分享活动', '活动数据', '退出登录']);
      await shot('2-home');

      // Typing the admin pages' addresses shows a refusal, and the BFF refuses their data anyway.
      await page.goto(`${testApp.baseUrl}/console/staff-users`);
      await page.locator('[data-testid=forbidden]').waitFor({ timeout: 20000 });
      await shot('3-staff-users-forbidden');
      await page.goto(`${testApp.baseUrl}/console/audit-log`);
      await page.locator('[data-testid=forbidden]').waitFor({ timeout: 20000 });
      const token = await page.evaluate<string | null>('sessionStorage.getItem("xiaoan.console.token")');
      const refused = await fetch(`${testApp.baseUrl}/api/v1/staff/audit-log`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(refused.status).toBe(403);
    });

    await admin.run('audit-log', async () => {
      const { page, shot } = admin;
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '审计日志' }).click();
      await page.locator('[data-testid=audit-table] tbody tr.ant-table-row').first().waitFor({ timeout: 20000 });
      await page.locator('[data-testid=audit-filters] input[placeholder="员工账号"]').fill('mkt.wang');
      await page.locator('[data-testid=audit-filters] button[type=submit]').click();
      const rows = page.locator('[data-testid=audit-table] tbody tr.ant-table-row');
      await onlyRowsOf(page, 'mkt.wang');
      const actions = await rows
        .locator('[data-action]')
        .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-action')));
      expect(actions).toEqual(['access_denied', 'password_changed', 'login']);
      await shot('4-audit-log');

      await page.locator('[data-testid=audit-filters] input[placeholder="员工账号"]').fill('dev-admin');
      await page.locator('[data-testid=audit-filters] button[type=submit]').click();
      await onlyRowsOf(page, 'dev-admin');
      await page.locator('[data-testid=audit-table] [data-action=staff_user_created]').waitFor({ timeout: 20000 });
      expect(
        await page
          .locator('[data-testid=audit-table] tr', { has: page.locator('[data-action=staff_user_created]') })
          .first()
          .innerText(),
      ).toContain('管理员');
      await shot('5-audit-log-admin');
    });
    await admin.page.close();
    await marketing.page.close();
  }, 180_000);
});
