import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdNumber } from '../support/customer.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { h5Session } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { importSimulatedHistory, travelTo } from './weather.fixtures.js';

const hotDays = async (testApp: TestApp, dates: string[]) => {
  const response = await fetch(`${testApp.baseUrl}/api/dev/sim/weather/hot-days`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cityCode: 'shanghai', dates, tmaxCelsius: 38.4 }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { settled: string[] }).settled).toEqual(dates);
};

/**
 * HEAT37 in the browser: pick 上海 and 2 units, pay, live through a heat wave (the simulated station
 * reports it through the signed feed), see the days counted on the chart and collect the red packet
 * twice as the claim grows.
 */
describe('HEAT37 in the H5 app: bought, accrued through a heat wave, collected as it grows', () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    await importSimulatedHistory(testApp);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('buys 2 units for 上海, shows the hot days on the chart and pays 5 yuan per unit per day beyond the deductible', async () => {
    const session = h5Session(await browser.context.newPage(), 'h5-heat');
    await session.run('heat', async () => {
      const { page, settle, shot } = session;
      await travelTo(testApp, '2027-06-10T10:00:00+08:00');
      await page.goto(`${testApp.baseUrl}/#/packages/buy/product/index?code=HEAT37`);
      await page.locator('.exclusions-ack').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.exclusions-ack').click();
      await page.locator('.purchase-bar__buy').click();

      await page.locator('.city-option[data-city="shanghai"]').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.city-option[data-city="shanghai"]').click();
      await page.locator('.city-option--selected[data-city="shanghai"]').waitFor();
      await page.locator('.unit-stepper__plus').first().click();
      expect((await page.locator('.unit-stepper__value').first().textContent())?.trim()).toContain('2');
      await page.locator('.weather-quote-button').click();
      await page.locator('.weather-quote__premium').waitFor({ timeout: 30000 });
      await shot('1-quote');
      await settle();
      await page.locator('.weather-continue').click();

      await page.locator('.insured-form__name input').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.insured-form__name input').fill('李雷');
      await page.locator('.insured-form__id input').fill(makeIdNumber(2468013));
      await page.locator('.insured-form__phone input').fill('13900002222');
      await page.locator('.insured-consent').click();
      await page.locator('.submit-order').click();
      await page.locator('.pay-button:not(.button--disabled)').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.pay-button:not(.button--disabled)').click();
      await page.locator('.result--issued .result__policy-no').waitFor({ timeout: 30000 });
      await shot('2-issued');

      // A heat wave in late June: five hot days, the first three inside 上海's deductible.
      await travelTo(testApp, '2027-07-20T10:00:00+08:00');
      await hotDays(testApp, ['2027-06-21', '2027-06-22', '2027-06-23', '2027-06-24', '2027-06-25']);

      await page.goto(`${testApp.baseUrl}/#/pages/me/index`);
      await page.locator('.me-menu__item[data-target=claims]').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.me-menu__item[data-target=claims]').click();
      const card = page.locator('.claim-card').first();
      await card.waitFor({ timeout: 20000 });
      await settle();
      await card.click();

      await page.locator('.heat-chart').waitFor({ timeout: 20000 });
      expect(await page.locator('.heat-chart__bar[data-hot="true"]').count()).toBe(5);
      expect(await page.locator('.heat-chart__line').count()).toBeGreaterThan(0);
      expect(await page.locator('.heat-days__item').count()).toBe(5);
      const days = (await page.locator('.heat-days__item').allTextContents()).join(' ');
      expect(days).toContain('免赔');
      expect(days).toContain('10');
      await page.locator('.red-packet__open').waitFor({ timeout: 20000 });
      await shot('3-chart');
      await settle();
      await page.locator('.red-packet__open').click();
      await page.locator('.red-packet--paid').waitFor({ timeout: 30000 });
      await shot('4-paid');
      const first = testApp.sim.ledger.of('transfer').filter((entry) => entry.state === 'SUCCESS');
      expect(first.map((entry) => entry.amount)).toEqual([2000]);

      // Two more hot days: the claim grows and the red packet opens again for what is new.
      await hotDays(testApp, ['2027-06-26', '2027-06-27']);
      await page.reload();
      await page.locator('.heat-chart').waitFor({ timeout: 20000 });
      expect(await page.locator('.heat-days__item').count()).toBe(7);
      await page.locator('.red-packet__open').waitFor({ timeout: 20000 });
      await shot('5-grown');
      await settle();
      await page.locator('.red-packet__open').click();
      await page.locator('.red-packet--paid').waitFor({ timeout: 30000 });
      await shot('6-paid-again');
      const all = testApp.sim.ledger.of('transfer').filter((entry) => entry.state === 'SUCCESS');
      expect(all.map((entry) => entry.amount)).toEqual([2000, 2000]);
    });
    await session.page.close();
  }, 180_000);
});
