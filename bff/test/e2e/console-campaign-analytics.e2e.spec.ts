import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { CampaignAnalytics, MyInvite, StaffCampaign } from '@xiaoan/shared';
import { launchBrowser, type Browser } from '../support/browser.js';
import { consoleMenu, consoleSession, DEV_STAFF, loginToConsole, staffApi, staffToken } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

const RULES =
  '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。奖励与是否购买保险无关。';

/** 活动数据 in headless Chromium: marketing opens a campaign's analytics and the funnel shows the step counts the API counts. */
describe('the console’s 活动数据 page in the browser', () => {
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

  it('shows marketing the funnel’s step counts, the cost against the budget and the top sharer', async () => {
    const { baseUrl } = testApp;
    const admin = await staffToken(baseUrl, DEV_STAFF.admin);
    const marketing = await staffToken(baseUrl, DEV_STAFF.marketing);
    const created = await staffApi<StaffCampaign>(baseUrl, marketing, 'POST', '/api/v1/staff/campaigns', {
      name: `浏览器活动数据 ${randomUUID().slice(0, 4)}`,
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      budgetFen: 20_000,
      rulesText: RULES,
      shareCard: { title: '看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
      rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
      pendingDays: 3,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      (await staffApi<StaffCampaign>(baseUrl, marketing, 'POST', `/api/v1/staff/campaigns/${id}/submit`)).body.status,
    ).toBe('in_review');
    expect(
      (
        await staffApi<StaffCampaign>(baseUrl, admin, 'POST', `/api/v1/staff/campaigns/${id}/review`, {
          decision: 'approve',
          reason: '合规检查通过',
        })
      ).body.status,
    ).toBe('published');

    const login = async (inviteCode?: string) => {
      const { code, openid } = testApp.sim.mintLoginCode({
        openid: `o_ana_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      });
      const answer = await fetch(`${baseUrl}/api/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, ...(inviteCode ? { inviteCode } : {}) }),
      });
      return { openid, token: ((await answer.json()) as { token: string }).token };
    };
    const sharer = await login();
    const invite = (await (
      await fetch(`${baseUrl}/api/v1/campaigns/me/invite`, { headers: { authorization: `Bearer ${sharer.token}` } })
    ).json()) as MyInvite;
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${baseUrl}/api/v1/campaigns/card-opens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inviteCode: invite.inviteCode, scene: 1007 }),
      });
    }
    for (let i = 0; i < 3; i += 1) {
      const friend = await login(invite.inviteCode);
      if (i < 2) {
        await fetch(`${baseUrl}/api/v1/campaigns/actions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${friend.token}` },
          body: JSON.stringify({ action: 'friend_read_terms', product: 'FD120' }),
        });
      }
    }
    const expected = (
      await staffApi<CampaignAnalytics>(baseUrl, marketing, 'GET', `/api/v1/staff/campaigns/${id}/analytics`)
    ).body;
    expect(expected.funnel).toEqual({
      cardOpens: 5,
      newUsersBound: 3,
      qualifiedActions: 2,
      rewardsGranted: 2,
      paid: 0,
    });

    const session = await consoleSession(browser.context, 'console-campaign-analytics');
    await session.run('funnel', async () => {
      const { page, shot } = session;
      await loginToConsole(page, baseUrl, 'marketing');
      expect(await consoleMenu(page)).toContain('活动数据');
      await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '活动数据' }).click();
      await page.locator('[data-testid=campaign-analytics]').waitFor({ timeout: 60_000 });
      await page.goto(`${baseUrl}/console/campaign-analytics?id=${id}`);
      await page.locator('[data-testid=funnel-steps]').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid=chart-funnel] canvas').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid=chart-cost] canvas').waitFor({ timeout: 60_000 });
      const steps = await page.locator('[data-testid=funnel-steps] > *').allInnerTexts();
      expect(steps.map((s) => s.replace(/\s/g, ''))).toEqual([
        '卡片打开：5',
        '新用户绑定：3',
        '完成任务：2',
        '发放奖励：2',
        '已到账：0',
      ]);
      expect(await page.locator('[data-testid=top-sharers] tbody tr').first().innerText()).toContain(
        `微信用户${sharer.openid.slice(-4)}`,
      );
      await shot('1-funnel');
    });
  });
});
