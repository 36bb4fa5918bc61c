import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdNumber } from '../support/customer.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { buyFlightDelayInH5, h5Session } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A customer buys FD120 in the H5 build, pays through the simulator's pay step (which sends the
 * real signed notification), finds the policy under 我的保单, opens its e-policy and verifies it — as
 * a new user would.
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
    const session = h5Session(await browser.context.newPage(), 'h5-purchase');
    await session.run('purchase', async () => {
      const { page, settle, shot } = session;
      const { flightNo, policyNo } = await buyFlightDelayInH5(session, testApp.baseUrl, {
        name: '李雷',
        idNumber: makeIdNumber(1234567),
        phone: '13912345678',
      });
      expect(flightNo).toMatch(/^[A-Z0-9]{2}\d+/);
      expect(policyNo).toMatch(/^P\d{16}$/);

      await settle();
      await page.locator('.result__my-policies').click();
      await page.locator(`.policy-card[data-policy-no="${policyNo}"]`).waitFor({ timeout: 20000 });
      await shot('5-my-policies');

      // 查看电子保单 on the policy's page: the PDF opens in a new tab or, popup blocked, downloads.
      await page.locator(`.policy-card[data-policy-no="${policyNo}"]`).click();
      await page.locator('.policy-detail__document-button').waitFor({ timeout: 20000 });
      await shot('6-policy-detail');
      const popup = page.context().waitForEvent('page', { timeout: 20000 });
      const download = page.waitForEvent('download', { timeout: 20000 });
      await page.locator('.policy-detail__document-button').click();
      const opened = await Promise.any([popup.then((tab) => ({ tab })), download.then((file) => ({ file }))]);
      const head =
        'tab' in opened
          ? await opened.tab.evaluate(
              async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer()).slice(0, 5)),
              opened.tab.url(),
            )
          : Array.from((await readFile((await opened.file.path())!)).subarray(0, 5));
      expect(Buffer.from(head).toString('latin1')).toBe('%PDF-');
      if ('file' in opened) expect(opened.file.suggestedFilename()).toBe(`${policyNo}.pdf`);
      else await opened.tab.close();
      popup.catch(() => undefined);
      download.catch(() => undefined);

      // The public verification endpoint confirms it, masked.
      const verified = await fetch(
        `${testApp.baseUrl}/api/v1/policies/verify?policyNo=${policyNo}&insuredName=${encodeURIComponent('李雷')}`,
      );
      expect(verified.status).toBe(200);
      expect(await verified.json()).toMatchObject({ policyNo, insuredNameMasked: '李*', status: 'active' });
      // And the simulator's ledger shows exactly one payment for it.
      expect(testApp.sim.ledger.of('payment')).toHaveLength(1);
    });
    await session.page.close();
  });
});
