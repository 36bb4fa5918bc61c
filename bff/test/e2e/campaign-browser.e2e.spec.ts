import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../support/browser.js';
import {
  consoleSession,
  DEV_STAFF,
  FUNNEL_STEPS,
  funnelOnPage,
  loginToConsole,
  staffApi,
  staffToken,
} from '../support/console.js';
import type { CampaignAnalytics, StaffCampaignVersionList } from '@xiaoan/shared';
import { h5Session } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RULES =
  '活动期间，您邀请的新朋友通过您的分享首次登录小安保险，并阅读任一产品的保险条款后，您可获得5元现金红包。奖励金额固定，与是否购买保险无关；分享本身没有奖励。';

/** The open dropdown of an antd Select (closed ones stay in the DOM, hidden). */
/**
 * Picks `text` in an antd select and waits until the select shows it. The dropdown of an earlier pick
 * may still be fading out (not yet `-hidden`, a `-leave` motion class): its options are skipped, and
 * a pick that did not take (CI saw one) is tried again rather than submitted silently.
 */
const pickOption = async (page: Page, select: ReturnType<Page['locator']>, text: string) => {
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option', {
        hasText: text,
      })
      .first()
      .click();
    const shown = select.locator('.ant-select-selection-item', { hasText: text });
    const took = await shown
      .waitFor({ timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    if (took) return;
    if (attempt === 3) throw new Error(`the select did not take "${text}" after ${attempt} picks`);
  }
};

/** The H5 app's storage (session and simulated WeChat user) — saved to switch between two people in one browser. */
const storageOf = (page: Page) => page.evaluate<string>('JSON.stringify(Object.entries(localStorage))');
const restoreStorage = (page: Page, entries: string) =>
  page.evaluate(
    `(() => { localStorage.clear(); for (const [k, v] of JSON.parse(${JSON.stringify(entries)})) localStorage.setItem(k, v); })()`,
  );

/**
 * Share-and-win from end to end in Chromium: marketing writes a campaign in the console, the
 * compliance check refuses its purchase-linked reward (shown next to the field), marketing fixes it
 * and submits, an admin approves; in the H5 app a user joins and shares, a friend opens the shared
 * link, logs in through it and reads a product's terms, and the inviter collects the red packet;
 * a high-risk friend's reward waits in the admin's review queue.
 */
describe('a share-and-win campaign in the browser', () => {
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

  it('goes from a refused draft to a published campaign whose red packet the inviter collects', async () => {
    const marketing = await consoleSession(browser.context, 'campaign-console-marketing');
    const campaignId = await marketing.run('draft', async () => {
      const { page, shot } = marketing;
      await loginToConsole(page, testApp.baseUrl, 'marketing');
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '分享活动' }).click();
      await page.locator('[data-testid=create-campaign]').click();
      const form = page.locator('[data-testid=campaign-form]');
      await form.waitFor({ timeout: 20000 });
      await page.locator('#name').fill('邀好友看条款');
      await page.locator('#rulesText').fill(RULES);
      await page.locator('#shareTitle').fill('航班延误自动赔，看看条款怎么写');
      await page.locator('#shareImageUrl').fill('https://cdn.example/card.png');
      await page.locator('#pendingDays').fill('0');
      // Marketing asks for a reward when the friend buys: the form lets them, the check refuses it.
      await pickOption(page, page.locator('[data-testid=reward-rule-0] .ant-select').first(), '好友购买保险');
      await shot('1-purchase-linked');
      await page.locator('[data-testid=submit-campaign]').click();

      const refusal = page.locator('[data-testid=compliance-refusal]');
      await refusal.waitFor({ timeout: 20000 });
      expect(await refusal.innerText()).toContain('奖励规则 1：奖励不得与购买、支付或出单挂钩（保险法第116条');
      const underTrigger = page.locator('[data-testid=reward-rule-0] .ant-form-item-explain-error').first();
      expect(await underTrigger.innerText()).toContain('保险法第116条');
      await shot('2-refused');

      // Nothing was sent to review: the draft is saved, still a draft.
      const url = new URL(page.url());
      expect(url.pathname).toBe('/console/campaigns/new');

      await pickOption(
        page,
        page.locator('[data-testid=reward-rule-0] .ant-select').first(),
        '好友登录后阅读任一产品的保险条款',
      );
      await page.locator('[data-testid=submit-campaign]').click();
      await page.locator('[data-testid=campaign-status] [data-status=in_review]').waitFor({ timeout: 20000 });
      // Marketing cannot approve: the buttons are not there (and the BFF would refuse).
      expect(await page.locator('[data-testid=approve-campaign]').count()).toBe(0);
      expect(await page.locator('[data-testid=pause-campaign]').count()).toBe(0);
      await shot('3-in-review');
      return page.url().split('/').pop()!;
    });

    const admin = await consoleSession(browser.context, 'campaign-console-admin');
    await admin.run('approve', async () => {
      const { page, shot } = admin;
      await loginToConsole(page, testApp.baseUrl, 'admin');
      await page.goto(`${testApp.baseUrl}/console/campaigns/${campaignId}`);
      await page.locator('[data-testid=approve-campaign]').click();
      await page.locator('[data-testid=reason-input]').fill('合规检查通过，同意发布');
      await page.locator('[data-testid=reason-modal-ok]').click();
      await page.locator('[data-testid=campaign-status] [data-status=published]').waitFor({ timeout: 20000 });
      const archive = page.locator('[data-testid=campaign-versions]');
      await archive.locator('.ant-collapse-header', { hasText: '第 1 版' }).waitFor({ timeout: 20000 });
      await archive.locator('.ant-collapse-header').first().click();
      expect(await archive.innerText()).toContain('好友登录后阅读任一产品的保险条款');
      await shot('1-published');
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '分享活动' }).click();
      await page
        .locator('[data-testid=campaign-table] tbody tr', { hasText: '邀好友看条款' })
        .waitFor({ timeout: 20000 });
      expect(
        await page.locator('[data-testid=campaign-table] tbody tr', { hasText: '邀好友看条款' }).innerText(),
      ).toContain('已发布');
      await shot('2-list');
    });
    await admin.page.close();
    await marketing.page.close();

    // The archive the page showed, over HTTP: marketing may read it; a malformed id is a clear 404.
    const marketingToken = await staffToken(testApp.baseUrl, DEV_STAFF.marketing);
    const versions = await staffApi<StaffCampaignVersionList>(
      testApp.baseUrl,
      marketingToken,
      'GET',
      `/api/v1/staff/campaigns/${campaignId}/versions`,
    );
    expect(versions.status).toBe(200);
    expect(
      versions.body.items.map((v) => [v.version, v.submittedBy, v.approvedBy, v.definition.rewardRules[0]!.trigger]),
    ).toEqual([[1, 'dev-marketing', 'dev-admin', 'friend_read_terms']]);
    const malformed = await staffApi(
      testApp.baseUrl,
      marketingToken,
      'GET',
      '/api/v1/staff/campaigns/not-a-uuid/versions',
    );
    expect([malformed.status, malformed.body.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);

    const h5 = h5Session(await browser.context.newPage(), 'campaign-h5');
    await h5.run('share-and-collect', async () => {
      const { page, settle, shot } = h5;
      // The inviter finds the campaign on the home page, reads the rules, joins.
      await page.goto(`${testApp.baseUrl}/#/pages/home/index`);
      await page.evaluate('localStorage.clear()');
      await page.reload();
      await page.locator('.campaign-entry').waitFor({ timeout: 20000 });
      await shot('1-home-entry');
      await settle();
      await page.locator('.campaign-entry').click();
      await page.locator('[data-testid=campaign-rules]').waitFor({ timeout: 20000 });
      expect(await page.locator('[data-testid=campaign-rules]').innerText()).toContain('你获得 ¥5.00 现金红包');
      await shot('2-rules-first');
      await settle();
      await page.locator('[data-testid=join-campaign]').click();
      const codeLocator = page.locator('[data-testid=invite-code]');
      await codeLocator.waitFor({ timeout: 20000 });
      const inviteCode = (await codeLocator.innerText()).trim();
      expect(inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      await shot('3-joined');
      const inviter = await storageOf(page);

      // The friend opens the shared link (the card's path, with the inviter's code and the campaign), reads the rules, joins.
      await page.evaluate('localStorage.clear()');
      await page.goto(`${testApp.baseUrl}/#/packages/campaign/index/index?ic=${inviteCode}&cid=${campaignId}`);
      await page.reload();
      await page.locator('[data-testid=join-campaign]').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('[data-testid=join-campaign]').click();
      await page.locator('[data-testid=invite-code]').waitFor({ timeout: 20000 });
      expect((await page.locator('[data-testid=invite-code]').innerText()).trim()).not.toBe(inviteCode);
      await shot('4-friend-joined');
      // The friend's own participation: reading a product's terms (never a purchase).
      await page.goto(`${testApp.baseUrl}/#/packages/buy/product/index?code=FD120`);
      await page.locator('.exclusions-ack').waitFor({ timeout: 20000 });
      await settle();
      await page.locator('.exclusions-ack').click();
      await shot('5-friend-read-terms');
      const deadline = Date.now() + 20000;
      let granted = 0;
      while (Date.now() < deadline) {
        granted = Number(
          (
            await testApp.db.query(`SELECT count(*)::int AS n FROM campaign_rewards WHERE campaign_id = $1`, [
              campaignId,
            ])
          ).rows[0].n,
        );
        if (granted > 0) break;
        await page.waitForTimeout(250);
      }
      expect(granted).toBe(1);

      // Back to the inviter: one friend, a red packet to open.
      await restoreStorage(page, inviter);
      await page.goto(`${testApp.baseUrl}/#/packages/campaign/index/index`);
      await page.reload();
      await page.locator('.red-packet__open').waitFor({ timeout: 20000 });
      expect((await page.locator('[data-testid=invite-count]').innerText()).trim()).toBe('1');
      await shot('6-inviter-red-packet');
      await settle();
      await page.locator('.red-packet__open').click();
      await page.locator('.red-packet--paid').waitFor({ timeout: 30000 });
      expect(await page.locator('.red-packet--paid').textContent()).toContain('已到账');
      await shot('7-paid');

      const transfers = testApp.sim.ledger.of('transfer').filter((entry) => entry.state === 'SUCCESS');
      expect(transfers).toHaveLength(1);
      expect(transfers[0]!.amount).toBe(500);
    });
    await h5.page.close();

    // A friend WeChat rates high-risk (rank 4) qualifies too: that reward waits for an admin instead of being paid.
    const [inviterRow] = (
      await testApp.db.query(`SELECT beneficiary_id::text AS id FROM campaign_rewards WHERE campaign_id = $1`, [
        campaignId,
      ])
    ).rows as { id: string }[];
    const [{ code: inviterCode }] = (
      await testApp.db.query(`SELECT code FROM invite_codes WHERE customer_id = $1`, [inviterRow!.id])
    ).rows as { code: string }[];
    const riskyOpenid = `o_risky_${Date.now()}`;
    testApp.sim.upsertUser({ openid: riskyOpenid, riskRank: 4 });
    const { code } = testApp.sim.mintLoginCode({ openid: riskyOpenid });
    const login = await fetch(`${testApp.baseUrl}/api/v1/auth/wechat-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code,
        inviteCode: inviterCode,
        sharePath: `/packages/campaign/index/index?ic=${inviterCode}&cid=${campaignId}`,
        scene: 1007,
      }),
    });
    const { token } = (await login.json()) as { token: string };
    const acted = await fetch(`${testApp.baseUrl}/api/v1/campaigns/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'friend_read_terms', product: 'FD120' }),
    });
    expect(acted.status).toBe(200);

    const reviewer = await consoleSession(browser.context, 'campaign-console-rewards');
    await reviewer.run('review-held-reward', async () => {
      const { page, shot } = reviewer;
      await loginToConsole(page, testApp.baseUrl, 'admin');
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '活动奖励审核' }).click();
      const row = page.locator('[data-testid=held-rewards] tbody tr.ant-table-row').first();
      await row.waitFor({ timeout: 20000 });
      expect(await row.innerText()).toContain('风险等级 4');
      expect(await row.innerText()).toContain('¥5.00 现金红包');
      await shot('1-queue');
      await row.locator('[data-testid=approve-reward]').click();
      await page.locator('[data-testid=reason-input]').fill('人工核实为真实好友');
      await page.locator('[data-testid=reason-modal-ok]').click();
      await page.locator('.ant-empty', { hasText: '没有待审核的奖励' }).waitFor({ timeout: 20000 });
      await shot('2-approved');
    });
    const [held] = (
      await testApp.db.query(`SELECT status FROM campaign_rewards WHERE campaign_id = $1 AND risk_rank = 4`, [
        campaignId,
      ])
    ).rows as { status: string }[];
    expect(held?.status).toBe('pending');
    await reviewer.page.close();

    // 活动数据: the funnel chart shows this campaign's step counts. The friend's H5 launches reported
    // the card's opens (one per page load; a load cut short by the next may not get to report);
    // two friends came in through its card and qualified, two rewards (one paid).
    const figures = await staffApi<CampaignAnalytics>(
      testApp.baseUrl,
      marketingToken,
      'GET',
      `/api/v1/staff/campaigns/${campaignId}/analytics`,
    );
    const { cardOpens, ...rest } = figures.body.funnel;
    expect(cardOpens).toBeGreaterThanOrEqual(1);
    expect(rest).toEqual({ newUsersBound: 2, qualifiedActions: 2, rewardsGranted: 2, paid: 1 });
    const counts = [cardOpens, 2, 2, 2, 1];
    const analyst = await consoleSession(browser.context, 'campaign-console-analytics');
    await analyst.run('funnel', async () => {
      const { page, shot } = analyst;
      await loginToConsole(page, testApp.baseUrl, 'marketing');
      await page.goto(`${testApp.baseUrl}/console/campaigns/${campaignId}`);
      await page.locator('[data-testid=campaign-analytics-link]').click();
      await page.locator('.ant-card-head-title', { hasText: '转化漏斗 · 邀好友看条款' }).waitFor({ timeout: 60_000 });
      const shown = await funnelOnPage(page);
      expect(shown.steps).toEqual(FUNNEL_STEPS.map((step, i) => `${step}：${counts[i]}`));
      expect(shown.tooltips).toEqual(FUNNEL_STEPS.map((step, i) => `${step}：${counts[i]}人`));
      await shot('1-funnel');
    });
    await analyst.page.close();
  }, 420_000);
});
