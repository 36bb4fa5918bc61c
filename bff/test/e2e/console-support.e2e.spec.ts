import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Order } from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { consoleSession, DEV_STAFF, loginToConsole } from '../support/console.js';
import { beijingDateIn, makeIdNumber, newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from './claims.fixtures.js';

/**
 * Customer service at the console, in headless Chromium: find a customer by policy number, open
 * their page, reveal the insured's identity for a reason, replay the sale beside its clauses,
 * decide a manual-review claim, cancel the policy before cover with a full refund; marketing is
 * refused the customer page; the admin's dashboard draws its charts.
 */
describe('the support desk in the staff console', () => {
  let testApp: TestApp;
  let browser: Browser;
  const support = DEV_STAFF.support;
  const marketing = DEV_STAFF.marketing;

  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  /** Uncaught errors of the console's pages: a page that crashed fails its test. */
  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  /** A desktop page signed in as one of the development staff, with its screenshots named after the suite. */
  const signedIn = async (role: 'support' | 'marketing' | 'admin') => {
    const session = await consoleSession(browser.context, 'console-support');
    session.page.on('pageerror', (error) => pageErrors.push(error.message));
    await loginToConsole(session.page, testApp.baseUrl, role);
    return session;
  };
  const giveReason = async (page: Page, reason: string) => {
    await page.getByTestId('reason-input').fill(reason);
    await page.getByTestId('reason-modal-ok').click();
  };

  it('walks the desk: support finds a customer by policy number, opens the page, replays the sale, decides a manual claim and refunds before cover; the admin creates a marketing user and sees those actions in the audit log; marketing is refused the customer page', async () => {
    // A customer who bought FD120 in the mini-program's flow (cover starts at departure, days away).
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightDate: beijingDateIn(6) });
    const ordered = await customer.order(quote, { name: '李小龙', phone: '13912340009', idNumber: makeIdNumber() });
    customer.pay(ordered.body);
    const order = (await customer.waitForOrder(ordered.body.id, ['issued'])) as Order & { policyNo: string };
    // A claim in the manual-review queue (a flight with no final status 6 h after its arrival).
    const lateFlight = await insertFlight(testApp.db, { scheduledDeparture: new Date(Date.now() - 9 * 3600_000) });
    await insurePassengers(testApp.db, lateFlight, {
      productCode: 'FD120',
      count: 1,
      coverEnd: new Date(lateFlight.scheduledArrival.getTime() + 360 * 60_000),
    });
    await testApp.app.get(OpenManualReviewsUseCase).execute();

    const { page, shot } = await signedIn('support');

    // 客户查询 by policy number.
    await page.getByRole('menuitem', { name: /客户查询/ }).click();
    await page.getByTestId('search-value').fill(order.policyNo);
    await page.getByTestId('search-submit').click();
    const results = page.getByTestId('search-results');
    await results.getByText(order.orderNo).waitFor({ timeout: 20_000 });
    expect(await results.textContent()).toContain('李*龙');
    expect(await results.textContent()).not.toContain('李小龙');
    await shot('1-search');
    await page.getByTestId('open-customer').first().click();

    // The customer's page: masked until 显示完整信息 is asked for, with a reason.
    const orders = page.getByTestId('orders-table');
    await orders.getByText(order.orderNo).waitFor({ timeout: 20_000 });
    expect(await orders.textContent()).toContain('139****0009');
    expect(await orders.textContent()).not.toContain('李小龙');
    const customerPath = new URL(page.url()).pathname;
    expect(customerPath).toMatch(/^\/console\/customers\/[0-9a-f-]{36}$/);
    // States in words, never codes.
    expect(await orders.textContent()).toContain('已出单');
    expect(await orders.textContent()).not.toMatch(/\bissued\b|pending_payment/);
    await shot('2-customer-masked');
    await page.getByTestId('reveal-button').first().click();
    await giveReason(page, '客户来电核实身份');
    await page.getByTestId('revealed-identity').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('revealed-identity').textContent()).toContain('13912340009');
    await shot('3-customer-revealed');

    // 回放销售过程: the buyer's steps beside the version's exclusions.
    await page.getByRole('tab', { name: /保单/ }).click();
    await page.getByTestId('replay-link').first().click();
    await page.getByTestId('replay-version').waitFor({ timeout: 20_000 });
    const steps = await page.getByTestId('replay-step-title').allTextContents();
    expect(steps).toEqual(expect.arrayContaining(['浏览页面', '确认已阅读免责条款', '提交投保信息', '保单生效']));
    expect(await page.getByTestId('replay-exclusion').count()).toBeGreaterThan(0);
    // Each page by its name beside the version's own pages (产品页, 免责说明, 保险条款), never a page path.
    expect(await page.getByTestId('replay-page-name').allTextContents()).toEqual(
      expect.arrayContaining(['产品页', '填写投保信息']),
    );
    expect(await page.getByTestId('replay-steps').textContent()).not.toContain('packages/');
    expect(await page.getByTestId('replay-shows').allTextContents()).toEqual(
      expect.arrayContaining(['产品页', '免责说明', '保险条款']),
    );
    expect(await page.getByTestId('replay-clause').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('replay-section-summary').textContent()).toMatch(/到达延误≥\d+分钟即赔/);
    await shot('4-replay');

    // 人工审核理赔: approve with a reason.
    await page.getByRole('menuitem', { name: /人工审核理赔/ }).click();
    const manual = page.getByTestId('manual-claim').filter({ hasText: lateFlight.flightNo });
    await manual.waitFor({ timeout: 20_000 });
    // The row names the flight, and the line under the timeline is the flight's own.
    expect(await manual.locator('.ant-descriptions-item').allTextContents()).toContain(
      `航班${lateFlight.flightNo} ${lateFlight.flightDate}`,
    );
    expect(await manual.getByTestId('claim-evidence-line').textContent()).toMatch(
      /^规则 FD120 v\d+ · 延误阈值 120 分钟 · 数据源事件 \d+ 条$/,
    );
    await shot('5-manual-claims');
    await manual.getByTestId('approve-claim').click();
    await giveReason(page, '航班公开信息显示到达晚 3 小时');
    await manual.waitFor({ state: 'detached', timeout: 20_000 });
    expect(
      (await testApp.db.query(`SELECT status, decided_by FROM claims WHERE flight_id = $1`, [lateFlight.id])).rows,
    ).toEqual([{ status: 'approved', decided_by: support.username }]);

    // 退保退款 before cover: full refund through WeChat Pay.
    await page.goBack();
    await page.goBack();
    await page.getByRole('tab', { name: /保单/ }).click();
    await page.getByTestId('cancel-policy-button').click();
    await giveReason(page, '客户行程取消，来电申请退保');
    await page
      .getByText(/已退保/)
      .first()
      .waitFor({ timeout: 20_000 });
    await customer.waitForOrder(order.id, ['refunded'], 20_000);
    expect(
      testApp.sim.ledger
        .of('refund')
        .filter((entry) => entry.outTradeNo === order.orderNo)
        .map((entry) => entry.refund),
    ).toEqual([order.amountFen]);
    await page.reload();
    await page.getByRole('tab', { name: /订单/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId('orders-table').getByText('已退款').first().waitFor({ timeout: 20_000 });
    await shot('6-refunded');

    const actions = (
      await testApp.db.query<{ action: string }>(`SELECT action FROM staff_audit_log WHERE username = $1 ORDER BY id`, [
        support.username,
      ])
    ).rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer_search',
        'customer_read',
        'customer_reveal',
        'sales_replay',
        'claim_approve',
        'policy_cancel',
      ]),
    );
    await page.close();

    // The admin creates a marketing colleague, then reads the audit log: the agent's searches, reads,
    // reveal, replay, decision and refund are there, in words (without the route-access rows).
    const admin = await signedIn('admin');
    await admin.page.getByRole('menuitem', { name: /员工账号/ }).click();
    await admin.page
      .locator('[data-testid=staff-table] tbody tr', { hasText: 'dev-support' })
      .waitFor({ timeout: 20_000 });
    await admin.page.getByTestId('create-staff').click();
    const form = admin.page.getByTestId('create-staff-form');
    await form.locator('#username').fill('mkt.li');
    await form.locator('#displayName').fill('李市场');
    await form.locator('.ant-checkbox-wrapper', { hasText: '市场' }).click();
    await admin.page.locator('.ant-modal-footer .ant-btn-primary').first().click();
    const oneTime = admin.page.getByTestId('one-time-password');
    await oneTime.waitFor({ timeout: 20_000 });
    const oneTimePassword = (await oneTime.innerText()).trim();
    await admin.shot('10-marketing-created');
    await admin.page.locator('.ant-modal-footer .ant-btn-primary', { hasText: '我已记下' }).click();
    await admin.page.locator('[data-testid=staff-table] tbody tr', { hasText: 'mkt.li' }).waitFor({ timeout: 20_000 });

    await admin.page.getByRole('menuitem', { name: /审计日志/ }).click();
    await admin.page.locator('[data-testid=audit-table] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    await admin.page.locator('[data-testid=audit-filters] input[placeholder="员工账号"]').fill(support.username);
    await admin.page.locator('[data-testid=audit-filters] button[type=submit]').click();
    await admin.page.waitForFunction(
      `(() => {
        const rows = [...document.querySelectorAll('[data-testid=audit-table] tbody tr.ant-table-row')];
        return rows.length > 0 && rows.every((row) => row.querySelector('td:nth-child(3)')?.textContent === ${JSON.stringify(support.username)});
      })()`,
      undefined,
      { timeout: 20_000 },
    );
    const shown = await admin.page
      .locator('[data-testid=audit-table] [data-action]')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-action')));
    expect(shown).toEqual(
      expect.arrayContaining([
        'customer_search',
        'customer_read',
        'customer_reveal',
        'sales_replay',
        'claim_approve',
        'policy_cancel',
      ]),
    );
    expect(shown).not.toContain('access');
    const table = (await admin.page.getByTestId('audit-table').textContent()) ?? '';
    for (const words of ['回放销售过程', '客户行程取消，来电申请退保', '客户来电核实身份', `保单：${order.policyNo}`])
      expect(table).toContain(words);
    await admin.shot('11-audit-log-support-actions');
    await admin.page.close();

    // The new marketing member sets their own password and is refused the customer's page.
    const newcomer = await consoleSession(browser.context, 'console-support');
    newcomer.page.on('pageerror', (error) => pageErrors.push(error.message));
    await loginToConsole(
      newcomer.page,
      testApp.baseUrl,
      { username: 'mkt.li', password: oneTimePassword },
      { expect: 'password' },
    );
    await newcomer.page.locator('#currentPassword').fill(oneTimePassword);
    await newcomer.page.locator('#newPassword').fill('li-own-password-1');
    await newcomer.page.locator('#confirmPassword').fill('li-own-password-1');
    await newcomer.page.locator('button[type=submit]').click();
    await newcomer.page.getByTestId('home-greeting').waitFor({ timeout: 20_000 });
    await newcomer.page.goto(`${testApp.baseUrl}${customerPath}`);
    await newcomer.page.getByTestId('forbidden').waitFor({ timeout: 20_000 });
    expect(await newcomer.page.getByTestId('orders-table').count()).toBe(0);
    await newcomer.shot('12-new-marketing-refused');
    const refusedRead = (
      await testApp.db.query(`SELECT 1 FROM staff_audit_log WHERE username = 'mkt.li' AND action = 'customer_read'`)
    ).rows;
    expect(refusedRead).toEqual([]);
    await newcomer.page.close();
  }, 240_000);

  it('records what was decided about a weather reading corrected after settlement', async () => {
    const {
      rows: [reading],
    } = await testApp.db.query<{ id: string }>(
      `INSERT INTO weather_readings (event_id, source, station_id, kind, reading_date, value_hundredths, observed_at, outcome, payload)
       VALUES ('console-flag-1', 'push', '58367', 'daily_max', '2026-07-15', 3650, now(), 'flagged', '{}') RETURNING id`,
    );
    await testApp.db.query(
      `INSERT INTO weather_review_flags (place_code, kind, reading_date, settled_hundredths, corrected_hundredths, reading_id, note)
       VALUES ('shanghai', 'daily_max', '2026-07-15', 3710, 3650, $1, '结算后气象台更正：37.1°C → 36.5°C')`,
      [reading!.id],
    );
    const { page, shot } = await signedIn('support');
    await page.getByRole('menuitem', { name: /气象更正复核/ }).click();
    const row = page.locator('tr', { hasText: '2026-07-15' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('37.1 °C');
    await shot('9-weather-flags');
    await row.getByRole('button', { name: '记录处理结果' }).click();
    await giveReason(page, '更正在结算之后，按规则不追回；已电话告知相关客户');
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    expect(
      (
        await testApp.db.query(`SELECT resolved_by, resolution FROM weather_review_flags WHERE reading_id = $1`, [
          reading!.id,
        ])
      ).rows,
    ).toEqual([{ resolved_by: support.username, resolution: '更正在结算之后，按规则不追回；已电话告知相关客户' }]);
    await page.close();
  }, 60_000);

  it('refuses marketing the customer page, and hides the desk from its menu', async () => {
    const customer = await newCustomer(testApp);
    const { rows } = await testApp.db.query<{ id: string }>(`SELECT id FROM customers WHERE openid = $1`, [
      customer.openid,
    ]);
    const { page, shot } = await signedIn('marketing');
    expect(await page.getByRole('menuitem', { name: /客户查询/ }).count()).toBe(0);
    await page.goto(`${testApp.baseUrl}/console/customers/${rows[0]!.id}`);
    await page.getByTestId('forbidden').waitFor({ timeout: 20_000 });
    await shot('7-marketing-refused');
    await waitFor('no customer read by marketing', async () => {
      const reads = await testApp.db.query(
        `SELECT 1 FROM staff_audit_log WHERE username = $1 AND action = 'customer_read'`,
        [marketing.username],
      );
      return reads.rows.length === 0;
    });
    await page.close();
  }, 60_000);

  it("draws the admin's operations dashboard", async () => {
    const { page, shot } = await signedIn('admin');
    await page.getByRole('menuitem', { name: /运营看板/ }).click();
    await page.getByTestId('chart-sales-by-hour').locator('canvas').waitFor({ timeout: 20_000 });
    await page.getByTestId('chart-claims').locator('canvas').waitFor({ timeout: 20_000 });
    expect(await page.getByText('今日出单').count()).toBe(1);
    await shot('8-dashboard');
    await page.close();
  }, 60_000);
});
