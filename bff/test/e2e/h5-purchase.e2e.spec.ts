import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdNumber } from '../support/customer.js';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A customer buys FD120 in the H5 build, pays through the simulator's pay step (which sends the
 * real signed notification), finds the policy under 我的保单 and verifies it — as a new user would.
 */
describe('buying a flight-delay policy in the H5 app', () => {
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

  it('goes from the product page to a verified policy under 我的保单', async () => {
    const page = await browser.context.newPage();
    // Pages slide in; a tap during the animation can land on the page underneath.
    const settle = () => page.waitForTimeout(700);
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    try {
      await buy(page, settle);
    } catch (error) {
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'h5-purchase-failure.png'), fullPage: true });
      throw new Error(`${(error as Error).message}\nbrowser saw: ${failures.join('; ') || 'no API errors'}`);
    }
    await page.close();
  });

  const buy = async (page: Page, settle: () => Promise<void>) => {
    const shot = (name: string) =>
      page.waitForTimeout(600).then(() => page.screenshot({ path: join(ARTIFACTS_DIR, `h5-purchase-${name}.png`), fullPage: true }));
    await page.goto(`${testApp.baseUrl}/#/packages/buy/product/index?code=FD120`);
    await page.locator('.exclusions-ack').waitFor({ timeout: 20000 });
    await settle();
    await page.locator('.exclusions-ack').click();
    await page.locator('.purchase-bar__buy').click();

    const flight = page.locator('.flight-option').first();
    await flight.waitFor({ timeout: 20000 });
    await settle();
    const flightNo = await flight.getAttribute('data-flight-no');
    expect(flightNo).toMatch(/^[A-Z0-9]{2}\d+/);
    await shot('1-flights');
    await flight.click();

    await page.locator('.quote-premium').waitFor({ timeout: 30000 });
    await settle();
    await page.locator('.tier-option[data-tier="20000"]').click();
    await page.locator('.quote-payout', { hasText: '200.00' }).waitFor({ timeout: 20000 });
    await shot('2-quote');
    await page.locator('.quote-next').click();

    await page.locator('.insured-form__name input').waitFor({ timeout: 20000 });
    await settle();
    await page.locator('.insured-form__name input').fill('李雷');
    await page.locator('.insured-form__id input').fill(makeIdNumber(1234567));
    await page.locator('.insured-form__phone input').fill('13912345678');
    await shot('3-insured');
    await page.locator('.submit-order').click();

    await page.locator('.pay-button:not(.button--disabled)').waitFor({ timeout: 20000 });
    await page.locator('.pay-button:not(.button--disabled)').click();
    const policyNoLocator = page.locator('.result--issued .result__policy-no');
    await policyNoLocator.waitFor({ timeout: 30000 });
    const policyNo = ((await policyNoLocator.textContent()) ?? '').match(/P\d{16}/)?.[0];
    expect(policyNo).toBeTruthy();
    await shot('4-issued');

    await settle();
    await page.locator('.result__my-policies').click();
    await page.locator(`.policy-card[data-policy-no="${policyNo}"]`).waitFor({ timeout: 20000 });
    await shot('5-my-policies');

    // The public verification endpoint confirms it, masked.
    const verified = await fetch(`${testApp.baseUrl}/api/v1/policies/verify?policyNo=${policyNo}&insuredName=${encodeURIComponent('李雷')}`);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ policyNo, insuredNameMasked: '李*', status: 'active' });
    // And the simulator's ledger shows exactly one payment for it.
    expect(testApp.sim.ledger.of('payment')).toHaveLength(1);
  };
});
