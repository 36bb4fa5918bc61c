import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CustomerConversation } from '@xiaoan/shared';
import { launchBrowser, type Browser } from '../support/browser.js';
import { consoleMenu, consoleSession, loginToConsole } from '../support/console.js';
import { beijingDateIn, newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival, waitFor } from './claims.fixtures.js';
import { customMessagesTo } from './support.fixtures.js';

/**
 * The customer-service inbox in headless Chromium (console at /console/): a user whose flight landed
 * 146 minutes late writes to customer service from WeChat (the simulator's 消息推送); an agent opens
 * the inbox, takes the conversation, sees the claim in the context panel and answers with a canned
 * reply filled from it; the reply goes out through WeChat and the user's chat shows it.
 */
describe('the customer-service inbox in the browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 1000 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lets an agent take a conversation, see the claim and send a canned reply with the payout filled in', async () => {
    const customer = await newCustomer(testApp);
    // Tomorrow's flight: landing it moves the business clock past its arrival, still inside the user's 48 h reply window.
    const flightDate = beijingDateIn(1);
    const quote = await customer.quote({ productCode: 'FD120', flightNo: 'MU5101', flightDate });
    const { body: order } = await customer.order(quote);
    customer.pay(order);
    await customer.waitForOrder(order.id, ['issued']);
    const { rows } = await testApp.db.query(
      `SELECT id, scheduled_departure, scheduled_arrival FROM flights WHERE flight_no = 'MU5101' AND flight_date = $1`,
      [flightDate],
    );
    const flight = {
      id: rows[0].id,
      flightNo: 'MU5101',
      flightDate,
      scheduledDeparture: rows[0].scheduled_departure,
      scheduledArrival: rows[0].scheduled_arrival,
    };
    expect((await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 5, 146))).status).toBe(200);
    const claimNo = (
      await testApp.db.query<{ claim_no: string }>(`SELECT claim_no FROM claims WHERE flight_id = $1`, [flight.id])
    ).rows[0]!.claim_no;
    await testApp.sim.sendCustomerServiceMessage({ openid: customer.openid, content: '你好，想咨询一下我的航班' });

    const agent = await consoleSession(browser.context, 'support-inbox');
    const text = await agent.run('inbox', async () => {
      const { page, shot } = agent;
      await loginToConsole(page, testApp.baseUrl, 'support');
      expect(await consoleMenu(page)).toContain('客服收件箱');
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '客服收件箱' }).click();
      const item = page.locator('[data-testid=inbox-item]', { hasText: '你好，想咨询一下我的航班' });
      await item.waitFor({ timeout: 20000 });
      await shot('1-inbox');
      await item.click();
      await page.locator('[data-testid=reply-countdown]').waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=reply-quota]').textContent()).toContain('剩余可回复 5 条');
      await page.locator('[data-testid=take-conversation]').click();
      await page.locator('[data-testid=assignee]', { hasText: '开发客服' }).waitFor({ timeout: 20000 });
      const claimCard = page.locator('[data-testid=context-claim]', { hasText: claimNo });
      await claimCard.waitFor({ timeout: 20000 });
      expect(await claimCard.textContent()).toMatch(/晚 146 分钟 ≥ 120/);
      await shot('2-context');

      await page.locator('[data-testid=canned-select]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '理赔已到账' }).click();
      await page.locator('[data-testid=claim-select]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: claimNo }).click();
      await page.locator('[data-testid=send-canned]').click();
      const sent = page.locator('[data-testid=message-out]', { hasText: '¥200.00' });
      await sent.waitFor({ timeout: 20000 });
      await page.locator('[data-testid=message-out]', { hasText: '已送达微信' }).waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=reply-quota]').textContent()).toContain('剩余可回复 4 条');
      await shot('3-replied');
      return (await sent.locator('.support-message__body').textContent())!;
    });
    expect(text).toBe(
      `您好，您的理赔 ${claimNo} 已处理：航班晚到 146 分钟，赔付 ¥200.00，已转入微信零钱，请在微信支付账单中查看。`,
    );

    // WeChat delivered it, and the user's chat (what the H5 chat page reads) shows it.
    await waitFor('the reply in WeChat', async () =>
      customMessagesTo(testApp, customer.openid).some((entry) => entry.body.text?.content === text),
    );
    const chat = await customer.api<CustomerConversation>('GET', '/api/v1/support/conversation');
    expect(chat.body.messages.map((message) => message.text)).toEqual(['你好，想咨询一下我的航班', text]);
  });
});
