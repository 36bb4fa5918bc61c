import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FlightListResponse } from '@xiaoan/shared';
import { beijingDateIn, makeIdNumber } from '../support/customer.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { buyFlightDelayInH5, h5Session, orderFlightDelayInH5 } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * After-sales in the H5 app, as a customer would do it: 退保 with the refund settled by WeChat Pay's
 * notification, 继续支付 of an order left unpaid, and a flight that has left shown as not buyable.
 * Screenshots land in bff/test-artifacts/h5-after-sales-*.png.
 */
describe('after-sales in the H5 app', () => {
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

  const count = async (sql: string, params: unknown[] = []) => Number((await testApp.db.query(sql, params)).rows[0].n);

  it('cancels a policy before departure from its page, and shows the refund settled and the order refunded', async () => {
    const session = h5Session(await browser.context.newPage(), 'h5-after-sales-cancel');
    await session.run('cancel', async () => {
      const { page, settle, shot } = session;
      const { flightNo, flightDate, policyNo } = await buyFlightDelayInH5(
        session,
        testApp.baseUrl,
        { name: '韩梅梅', idNumber: makeIdNumber(7654321), phone: '13912340000' },
        { flightIndex: 1 },
      );
      expect(policyNo).toMatch(/^P\d{16}$/);
      const sold = () =>
        count(`SELECT sold_sum_insured_fen AS n FROM flights WHERE flight_no = $1 AND flight_date = $2`, [
          flightNo,
          flightDate,
        ]);
      expect(await sold()).toBe(20000);

      await settle();
      await page.locator('.result__my-policies').click();
      await page.locator(`.policy-card[data-policy-no="${policyNo}"]`).click();
      await page.locator('.policy-cancel__button').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.policy-cancel__button').scrollIntoViewIfNeeded();
      await shot('1-policy-before');
      await page.locator('.policy-cancel__button').click();

      // The confirmation states the amount that goes back.
      const modal = page.locator('.taro-modal__text');
      await modal.waitFor({ timeout: 10000 });
      const premiumFen = await count(`SELECT premium_fen AS n FROM policies WHERE policy_no = $1`, [policyNo]);
      expect(await modal.textContent()).toContain(`¥${(premiumFen / 100).toFixed(2)}`);
      await shot('2-confirm');
      await page.locator('.taro-model__confirm').click();

      // Cancelled at once; the refund shows 处理中 and turns 已退款 once WeChat Pay's notification is in.
      await page.locator('.policy-status[data-status="cancelled"]').waitFor({ timeout: 20000 });
      await page.locator('.policy-refund[data-refund-status="succeeded"]').waitFor({ timeout: 30000 });
      await page.locator('.policy-refund').scrollIntoViewIfNeeded();
      await shot('3-refunded');
      expect(await page.locator('.policy-refund__status').textContent()).toBe('已退款');
      expect(await page.locator('.policy-cancel__button').count()).toBe(0);
      expect(await sold()).toBe(0);
      expect(testApp.sim.ledger.of('refund')).toEqual([
        expect.objectContaining({ refund: premiumFen, status: 'SUCCESS' }),
      ]);

      // 我的 → 我的订单: the order reads 已退款, with why.
      await page.goto(`${testApp.baseUrl}/#/pages/me/index`);
      await page.locator('.me-menu__item[data-target="orders"]').click();
      const card = page.locator('.order-card[data-status="refunded"]');
      await card.waitFor({ timeout: 20000 });
      expect(await card.textContent()).toContain('您在保障开始前申请退保，保费已全额原路退回');
      await shot('4-orders');
    });
    await session.page.close();
  });

  it('resumes an order left unpaid from 我的订单, paying the same order (no second one)', async () => {
    const session = h5Session(await browser.context.newPage(), 'h5-after-sales-resume');
    await session.run('resume', async () => {
      const { page, settle, shot } = session;
      const before = await count(`SELECT count(*) AS n FROM orders`);
      await orderFlightDelayInH5(
        session,
        testApp.baseUrl,
        { name: '李华', idNumber: makeIdNumber(2345678), phone: '13712345678' },
        { flightIndex: 2 },
      );
      expect(await count(`SELECT count(*) AS n FROM orders`)).toBe(before + 1);
      // Agreeing on the insured page recorded both documents' versions for this customer.
      expect(await count(`SELECT count(DISTINCT document) AS n FROM customer_consents`)).toBe(2);
      // The customer leaves without paying, and comes back through 我的 → 我的订单.
      await page.goto(`${testApp.baseUrl}/#/pages/me/index`);
      await page.locator('.me-menu__item[data-target="orders"]').click();
      const pending = page.locator('.order-card[data-status="pending_payment"]');
      await pending.waitFor({ timeout: 20000 });
      await settle();
      await shot('1-orders-pending');
      const orderNo = await pending.getAttribute('data-order-no');
      await pending.locator('.order-card__pay').click();

      await page.locator('.pay-button:not(.button--disabled)').waitFor({ timeout: 20000 });
      expect(await page.locator('.pay-order-no').textContent()).toBe(orderNo);
      await settle();
      await shot('2-pay-again');
      await page.locator('.pay-button:not(.button--disabled)').click();
      await page.locator('.result--issued .result__policy-no').waitFor({ timeout: 30000 });
      await shot('3-issued');

      expect(await count(`SELECT count(*) AS n FROM orders`)).toBe(before + 1);
      expect(await count(`SELECT count(*) AS n FROM orders WHERE order_no = $1 AND status = 'issued'`, [orderNo])).toBe(
        1,
      );
      expect(testApp.sim.ledger.of('payment').filter((entry) => entry.outTradeNo === orderNo)).toHaveLength(1);
    });
    await session.page.close();
  });

  it('shows a flight that has left greyed, with the reason, and opens no quote for it', async () => {
    const session = h5Session(await browser.context.newPage(), 'h5-after-sales-departed');
    await session.run('departed', async () => {
      const { page, settle, shot } = session;
      const date = beijingDateIn(3);
      const schedule = (await (
        await fetch(`${testApp.baseUrl}/api/v1/flights?date=${date}`)
      ).json()) as FlightListResponse;
      const departed = schedule.items[0]!.flightNo;
      testApp.sim.flights.apply(departed, date, { status: 'departed', actualDeparture: new Date().toISOString() });

      await page.goto(`${testApp.baseUrl}/#/packages/buy/product/index?code=FD120`);
      await page.locator('.exclusions-ack').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.exclusions-ack').click();
      await page.locator('.purchase-bar__buy').click();
      const card = page.locator(`.flight-option[data-flight-no="${departed}"]`);
      await card.waitFor({ timeout: 20000 });
      expect(await page.locator('.date-option--selected').first().getAttribute('data-date')).toBe(date);
      expect(await card.getAttribute('class')).toContain('flight-option--closed');
      expect(await card.locator('.flight-option__closed').textContent()).toBe('该航班已起飞，无法投保');
      expect(await card.locator('.flight-option__cta').count()).toBe(0);
      await shot('1-flights');
      await card.click();
      await page.waitForTimeout(800);
      expect(page.url()).toContain('/packages/buy/flight/index');
      expect(await page.locator('.quote-premium').count()).toBe(0);
    });
    await session.page.close();
  });
});
