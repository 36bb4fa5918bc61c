import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBrowser, type Browser } from '../support/browser.js';
import { consoleSession, loginToConsole } from '../support/console.js';
import { makeIdNumber } from '../support/customer.js';
import { buyFlightDelayInH5, h5Session } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from './claims.fixtures.js';

/**
 * Customer service between the H5 app and the console, in headless Chromium: a customer whose
 * flight landed 146 minutes late has the red packet paid, opens 联系客服 from the claim page and
 * writes in the chat page; an agent takes the conversation in the inbox, sees that claim in the
 * context panel, sends the canned reply with the payout filled in; the customer reads it in the
 * chat page — not through WeChat. Resolved, the chat page offers the rating, the inbox shows it,
 * and 客服质量 draws its charts.
 */
describe('the H5 chat page and the inbox', () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    testApp.sim.flightFeed.url = `${testApp.baseUrl}/api/v1/feeds/flight-status`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it("brings an agent's canned reply with the payout to the customer's chat page, then the rating back to the console", async () => {
    const customer = h5Session(await browser.context.newPage(), 'support-h5-chat');
    const { claimNo, openid } = await customer.run('paid-claim', async () => {
      const { page, settle } = customer;
      const purchase = await buyFlightDelayInH5(
        customer,
        testApp.baseUrl,
        { name: '李雷', idNumber: makeIdNumber(2345671), phone: '13700002222' },
        { dateIndex: 4, flightIndex: 3 },
      );
      const landed = await fetch(`${testApp.baseUrl}/api/dev/sim/flights/land-late`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flightNo: purchase.flightNo, flightDate: purchase.flightDate, delayMinutes: 146 }),
      });
      expect(landed.status).toBe(204);
      await page.goto(`${testApp.baseUrl}/#/packages/claims/list/index`);
      await page.locator('.claim-card').first().waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.claim-card').first().click();
      await page.locator('.red-packet__open').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.red-packet__open').click();
      await page.locator('.red-packet--paid').waitFor({ timeout: 30000 });
      const { rows } = await testApp.db.query<{ claim_no: string; openid: string }>(
        `SELECT c.claim_no, cu.openid FROM claims c JOIN policies p ON p.id = c.policy_id JOIN customers cu ON cu.id = p.customer_id WHERE p.policy_no = $1 AND c.status = 'paid'`,
        [purchase.policyNo],
      );
      expect(rows).toHaveLength(1);
      return { claimNo: rows[0]!.claim_no, openid: rows[0]!.openid };
    });

    // 联系客服 on the claim page opens the chat page with the claim number; the customer writes.
    await customer.run('write', async () => {
      const { page, settle, shot } = customer;
      await settle();
      await page.getByText('对理赔有疑问？联系客服').click();
      await page.locator('[data-testid=chat-topic]').waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=chat-topic]').textContent()).toContain(claimNo);
      await shot('1-empty-chat');
      await page.locator('.chat-compose input:visible').fill('你好，想确认一下赔了多少钱');
      await page.locator('[data-testid=chat-send]').click();
      await page
        .locator('[data-testid=chat-mine]', { hasText: '你好，想确认一下赔了多少钱' })
        .waitFor({ timeout: 20000 });
      await shot('2-written');
    });
    // Stored exactly like a WeChat push (mode h5), in an h5 conversation that records the claim number.
    await waitFor('the h5 conversation', async () => {
      const { rows } = await testApp.db.query(
        `SELECT channel, session_from FROM support_conversations WHERE openid = $1`,
        [openid],
      );
      return rows[0]?.channel === 'h5' ? rows : undefined;
    });
    expect(
      (
        await testApp.db.query(
          `SELECT mode, payload->>'SessionFrom' AS from FROM support_inbound_pushes WHERE openid = $1`,
          [openid],
        )
      ).rows,
    ).toEqual([{ mode: 'h5', from: claimNo }]);

    const agent = await consoleSession(browser.context, 'support-h5-chat-console');
    const replied = await agent.run('inbox', async () => {
      const { page, shot } = agent;
      await loginToConsole(page, testApp.baseUrl, 'support');
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '客服收件箱' }).click();
      const item = page.locator('[data-testid=inbox-item]', { hasText: '你好，想确认一下赔了多少钱' });
      await item.waitFor({ timeout: 20000 });
      expect(await item.textContent()).toContain('H5 聊天页');
      await item.click();
      await page.locator('[data-testid=take-conversation]').click();
      await page.locator('[data-testid=assignee]', { hasText: '开发客服' }).waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=channel]').textContent()).toBe('H5 聊天页');
      const claimCard = page.locator('[data-testid=context-claim]', { hasText: claimNo });
      await claimCard.waitFor({ timeout: 20000 });
      expect(await claimCard.textContent()).toMatch(/晚 146 分钟 ≥ 120/);
      await shot('1-context');

      await page.locator('[data-testid=canned-select]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '理赔已到账' }).click();
      await page.locator('[data-testid=claim-select]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: claimNo }).click();
      await page.locator('[data-testid=send-canned]').click();
      // "赔了多少钱" was a claim question: the automatic answer (about the claim the page was opened from) came first.
      expect(await page.locator('[data-testid=message-out]', { hasText: '【自动回复】' }).textContent()).toContain(
        claimNo,
      );
      const sent = page.locator('[data-testid=message-out]', { hasText: '您好，您的理赔' });
      await sent.waitFor({ timeout: 20000 });
      await page
        .locator('[data-testid=message-out]', { hasText: '您好，您的理赔' })
        .filter({ hasText: '已显示在聊天页' })
        .waitFor({ timeout: 20000 });
      await shot('2-replied');
      return (await sent.locator('.support-message__body').textContent())!;
    });
    expect(replied).toBe(
      `您好，您的理赔 ${claimNo} 已处理：航班晚到 146 分钟，赔付 ¥200.00，已转入微信零钱，请在微信支付账单中查看。`,
    );

    // The chat page shows it (polling); WeChat was never called for this user.
    await customer.run('read', async () => {
      const { page, shot } = customer;
      await page.locator('[data-testid=chat-reply]', { hasText: '您好，您的理赔' }).waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=chat-reply]', { hasText: '您好，您的理赔' }).textContent()).toContain(
        replied,
      );
      expect(await page.locator('[data-testid=chat-reply]', { hasText: '【自动回复】' }).textContent()).toContain(
        '已赔付 ¥200.00',
      );
      await shot('3-reply-read');
    });
    expect(testApp.sim.ledger.of('custom_message').filter((entry) => entry.openid === openid)).toEqual([]);

    // Resolved: the chat page offers the one-tap rating; the console shows the score.
    await agent.run('resolve', async () => {
      await agent.page.getByRole('button', { name: '标记已解决' }).click();
      await waitFor(
        'resolved',
        async () =>
          (
            await testApp.db.query(`SELECT 1 FROM support_conversations WHERE openid = $1 AND status = 'resolved'`, [
              openid,
            ])
          ).rows.length === 1,
      );
    });
    await customer.run('rate', async () => {
      const { page, shot } = customer;
      await page.locator('[data-testid=chat-rating]').waitFor({ timeout: 20000 });
      await shot('4-rating-offered');
      await page.locator('[data-testid=chat-rating] [data-score="5"]').click();
      await page.locator('[data-testid=chat-rated]').waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=chat-rated]').textContent()).toContain('★★★★★');
      await shot('5-rated');
    });
    expect(
      (await testApp.db.query(`SELECT rating FROM support_conversations WHERE openid = $1`, [openid])).rows,
    ).toEqual([{ rating: 5 }]);

    await agent.run('sla', async () => {
      const { page, shot } = agent;
      await page.reload();
      await page
        .locator('[data-testid=inbox-item]')
        .first()
        .waitFor({ state: 'attached', timeout: 20000 })
        .catch(() => undefined);
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '客服质量' }).click();
      await page.getByTestId('chart-sla-conversations').locator('canvas').waitFor({ timeout: 20000 });
      await page.getByTestId('chart-sla-ratings').locator('canvas').waitFor({ timeout: 20000 });
      await page.getByTestId('chart-sla-agents').locator('canvas').waitFor({ timeout: 20000 });
      const agents = await page.getByTestId('sla-agents').textContent();
      expect(agents).toContain('开发客服');
      expect(agents).toContain('5（1 条评价）');
      expect(await page.getByTestId('sla-conversations').textContent()).toContain('H5 聊天页');
      await shot('3-sla');
    });
    await customer.page.close();
    await agent.page.close();
  }, 240_000);
});
