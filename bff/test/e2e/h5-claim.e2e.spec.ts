import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdNumber } from '../support/customer.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { buyFlightDelayInH5, h5Session } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * ZhongAn's promise, in the browser: buy FD120, the simulated flight lands 146 minutes late, the
 * claim is there without asking, and the red packet is opened and arrives (已到账).
 */
describe('a delayed flight pays itself in the H5 app', () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    // As with `npm start`: the simulated flight-status provider pushes its signed events to this BFF.
    testApp.sim.flightFeed.url = `${testApp.baseUrl}/api/v1/feeds/flight-status`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('offers the red packet after a late landing and shows 已到账 once WeChat confirms', async () => {
    const session = h5Session(await browser.context.newPage(), 'h5-claim');
    await session.run('claim', async () => {
      const { page, settle, shot } = session;
      const purchase = await buyFlightDelayInH5(
        session,
        testApp.baseUrl,
        {
          name: '韩梅梅',
          idNumber: makeIdNumber(7654321),
          phone: '13700001111',
        },
        { dateIndex: 5, flightIndex: 7 },
      );

      // The flight-status provider reports the landing, 146 minutes late (the simulator pushes the
      // signed event to the BFF's feed webhook).
      const landed = await fetch(`${testApp.baseUrl}/api/dev/sim/flights/land-late`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flightNo: purchase.flightNo, flightDate: purchase.flightDate, delayMinutes: 146 }),
      });
      expect(landed.status).toBe(204);

      await page.goto(`${testApp.baseUrl}/#/pages/me/index`);
      await page.locator('.me-menu__item[data-target=claims]').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.me-menu__item[data-target=claims]').click();
      const card = page.locator('.claim-card').first();
      await card.waitFor({ timeout: 20000 });
      expect(await card.getAttribute('data-policy-no')).toBe(purchase.policyNo);
      await shot('1-claims');
      await settle();
      await card.click();

      await page.locator('.claim-timeline__item').first().waitFor({ timeout: 20000 });
      const timeline = (await page.locator('.claim-timeline__item').allTextContents()).join(' ');
      expect(timeline).toContain('晚 146 分钟');
      await page.locator('.red-packet__open').waitFor({ timeout: 20000 });
      await shot('2-red-packet');
      await settle();
      await page.locator('.red-packet__open').click();
      await page.locator('.red-packet--paid').waitFor({ timeout: 30000 });
      expect(await page.locator('.red-packet--paid').textContent()).toContain('已到账');
      await shot('3-paid');

      const transfers = testApp.sim.ledger.of('transfer').filter((entry) => entry.state === 'SUCCESS');
      expect(transfers).toHaveLength(1);
      expect(transfers[0]!.amount).toBe(20000);
    });
    await session.page.close();
  });
});
