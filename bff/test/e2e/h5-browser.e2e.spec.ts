import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultH5DistDir } from '../../src/create-app.js';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The H5 build served by the BFF, driven in headless Chromium as a customer would. */
describe('the H5 app in a real browser', () => {
  let testApp: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(join(defaultH5DistDir(), 'index.html'))).toBe(true);
    testApp = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lists the four products on the home page with their starting prices', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${testApp.baseUrl}/`);
    for (const name of ['航班延误险', '航班延误险·1小时版', '37°C高温险', '景区下雨险']) {
      await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: 15000 });
    }
    await expect(page.getByText('¥5 起').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'h5-home.png'), fullPage: true });
    await page.close();
  });

  it('shows the highlighted exclusions, insurer and filing number on a product page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${testApp.baseUrl}/`);
    await page.getByText('航班延误险', { exact: true }).first().waitFor({ state: 'visible', timeout: 15000 });
    await page.getByText('航班延误险', { exact: true }).first().click();
    await page.getByText('免责条款', { exact: false }).first().waitFor({ state: 'visible', timeout: 15000 });
    await page
      .getByText('投保时航班已发布延误、取消或备降信息', { exact: false })
      .first()
      .waitFor({ state: 'visible', timeout: 15000 });
    await expect(page.getByText('C00088832312026052100121', { exact: false }).first().isVisible()).resolves.toBe(true);
    // The product page's own line: the home list behind it names the insurer on every card too, and
    // once the slide-in has finished those cards are hidden (on a slow machine, before this check).
    await page
      .locator('.product-insurer', { hasText: '小安在线财产保险股份有限公司' })
      .waitFor({ state: 'visible', timeout: 15000 });
    // Let the router's slide-in transition finish so the picture shows the page, not the animation.
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'h5-product-fd120.png'), fullPage: true });
    await page.close();
  });
});
