import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { CampaignAnalytics, CampaignDefinitionInput, MyInvite, StaffCampaign } from '@xiaoan/shared';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../support/browser.js';
import {
  consoleMenu,
  consoleSession,
  DEV_STAFF,
  FUNNEL_STEPS,
  funnelOnPage,
  loginToConsole,
  staffApi,
  staffToken,
} from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

const TERMS_RULES =
  '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。奖励与是否购买保险无关。';
const REMINDER_RULES =
  '活动时间内，您邀请的新朋友首次登录小安保险并开启理赔提醒后，您可获得3元现金红包。奖励与是否购买保险无关。';

/**
 * 活动数据 in headless Chromium with two campaigns running at the same time: marketing opens one
 * campaign's data from its page, and the funnel chart (read from the chart itself, through its
 * tooltips) and the step counts are that campaign's own; switching to the other shows the other's.
 */
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

  it('shows each of two overlapping campaigns its own funnel, cost against the budget and top sharer', async () => {
    const { baseUrl } = testApp;
    const admin = await staffToken(baseUrl, DEV_STAFF.admin);
    const marketing = await staffToken(baseUrl, DEV_STAFF.marketing);
    const publish = async (definition: CampaignDefinitionInput): Promise<string> => {
      const created = await staffApi<StaffCampaign>(baseUrl, marketing, 'POST', '/api/v1/staff/campaigns', definition);
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
      return id;
    };
    const suffix = randomUUID().slice(0, 4);
    const a = await publish({
      name: `看条款活动 ${suffix}`,
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      budgetFen: 20_000,
      rulesText: TERMS_RULES,
      shareCard: { title: '看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
      rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
      pendingDays: 3,
    });
    // B runs inside A's window.
    const b = await publish({
      name: `开提醒活动 ${suffix}`,
      startsAt: new Date(Date.now() - 1800_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      budgetFen: 9_000,
      rulesText: REMINDER_RULES,
      shareCard: { title: '理赔到账第一时间知道', imageUrl: 'https://cdn.example/card-b.png' },
      rewardRules: [
        { trigger: 'friend_enable_claim_reminders', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 300 } },
      ],
      pendingDays: 3,
    });

    const login = async (invite?: { code: string; campaignId: string }) => {
      const { code, openid } = testApp.sim.mintLoginCode({
        openid: `o_ana_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      });
      const answer = await fetch(`${baseUrl}/api/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code,
          ...(invite
            ? {
                inviteCode: invite.code,
                sharePath: `/packages/campaign/index/index?ic=${invite.code}&cid=${invite.campaignId}`,
                scene: 1007,
              }
            : {}),
        }),
      });
      const body = (await answer.json()) as { token: string };
      if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(body)}`);
      return { openid, token: body.token };
    };
    const customerApi = async (token: string, path: string, body: unknown) => {
      const answer = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(answer.status).toBeLessThan(300);
    };
    const codeOf = async (token: string) =>
      (
        (await (
          await fetch(`${baseUrl}/api/v1/campaigns/me/invite`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as MyInvite
      ).inviteCode;
    const openCard = async (code: string, campaignId: string) => {
      const answer = await fetch(`${baseUrl}/api/v1/campaigns/card-opens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          inviteCode: code,
          sharePath: `/packages/campaign/index/index?ic=${code}&cid=${campaignId}`,
          scene: 1007,
        }),
      });
      expect(answer.status).toBe(204);
    };

    // A: Ann's card opened 5 times, 3 friends bound, 2 read terms. B: Bo's card opened 3 times,
    // 2 friends bound, 1 turns on claim reminders.
    const ann = await login();
    const bo = await login();
    const annCode = await codeOf(ann.token);
    const boCode = await codeOf(bo.token);
    // A code handed out queues its poster, and composing one stalls the event loop long enough to
    // time out WeChat logins (recorded on issue 12): the friends log in once both posters are made.
    const deadline = Date.now() + 180_000;
    while (
      Number(
        (
          await testApp.db.query(`SELECT count(*)::int AS n FROM invite_posters WHERE invite_code = ANY($1)`, [
            [annCode, boCode],
          ])
        ).rows[0].n,
      ) < 2
    ) {
      if (Date.now() > deadline) throw new Error('the two invite posters were not made in time');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (let i = 0; i < 5; i += 1) await openCard(annCode, a);
    for (let i = 0; i < 3; i += 1) await openCard(boCode, b);
    for (let i = 0; i < 3; i += 1) {
      const friend = await login({ code: annCode, campaignId: a });
      if (i < 2)
        await customerApi(friend.token, '/api/v1/campaigns/actions', { action: 'friend_read_terms', product: 'FD120' });
    }
    for (let i = 0; i < 2; i += 1) {
      const friend = await login({ code: boCode, campaignId: b });
      if (i < 1) {
        await customerApi(friend.token, '/api/v1/me/subscriptions', {
          templateId: 'TPL_CLAIM_APPROVED',
          result: 'accept',
        });
        await customerApi(friend.token, '/api/v1/campaigns/actions', { action: 'friend_enable_claim_reminders' });
      }
    }
    const expected = {
      [a]: { cardOpens: 5, newUsersBound: 3, qualifiedActions: 2, rewardsGranted: 2, paid: 0 },
      [b]: { cardOpens: 3, newUsersBound: 2, qualifiedActions: 1, rewardsGranted: 1, paid: 0 },
    };
    for (const id of [a, b])
      expect(
        (await staffApi<CampaignAnalytics>(baseUrl, marketing, 'GET', `/api/v1/staff/campaigns/${id}/analytics`)).body
          .funnel,
      ).toEqual(expected[id]);
    const counts = (id: string) => {
      const f = expected[id]!;
      return [f.cardOpens, f.newUsersBound, f.qualifiedActions, f.rewardsGranted, f.paid];
    };

    const expectFunnelOf = async (page: Page, id: string) => {
      await page.locator('.ant-card-head-title', { hasText: `转化漏斗 · ${id === a ? '看条款' : '开提醒'}` }).waitFor({
        timeout: 60_000,
      });
      const shown = await funnelOnPage(page);
      expect(shown.steps).toEqual(FUNNEL_STEPS.map((step, i) => `${step}：${counts(id)[i]}`));
      expect(shown.tooltips).toEqual(FUNNEL_STEPS.map((step, i) => `${step}：${counts(id)[i]}人`));
    };

    const session = await consoleSession(browser.context, 'console-campaign-analytics');
    await session.run('funnel', async () => {
      const { page, shot } = session;
      await loginToConsole(page, baseUrl, 'marketing');
      expect(await consoleMenu(page)).toContain('活动数据');
      // From A's own page to its data.
      await page.goto(`${baseUrl}/console/campaigns/${a}`);
      await page.locator('[data-testid=campaign-analytics-link]').click();
      await page.waitForURL(`**/console/campaign-analytics?id=${a}`, { timeout: 60_000 });
      await page.locator('[data-testid=chart-cost] canvas').waitFor({ timeout: 60_000 });
      await expectFunnelOf(page, a);
      const top = page.locator('[data-testid=top-sharers] tbody tr');
      expect(await top.count()).toBe(1);
      expect(await top.first().innerText()).toContain(`微信用户${ann.openid.slice(-4)}`);
      await shot('1-funnel-a');

      // Switching to B shows B's own figures.
      await page.locator('[data-testid=campaign-select]').click();
      await page.locator('.ant-select-item-option', { hasText: `开提醒活动 ${suffix}` }).click();
      await page.waitForURL(`**/console/campaign-analytics?id=${b}`, { timeout: 60_000 });
      await expectFunnelOf(page, b);
      expect(await top.count()).toBe(1);
      expect(await top.first().innerText()).toContain(`微信用户${bo.openid.slice(-4)}`);
      await shot('2-funnel-b');
    });
  });
});
