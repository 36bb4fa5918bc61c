import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CurrentCampaign, MyInvitesResponse } from '@xiaoan/shared';
import { aTransferBill } from '../../../../test/support/claim.builder';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { clipboard, previewedImages, share, storage } from '../../../../test/shims/taro';
import { REWARD_POLLING } from '../../../features/campaign/hooks/use-reward-collect';
import { SESSION_STORAGE_KEY } from '../../../services/session';
import CampaignPage from './index';

const REWARD_ID = '00000000-0000-4000-8000-00000000a001';
const CAMPAIGN_ID = '00000000-0000-4000-8000-00000000c001';
const RULES =
  '活动期间，您邀请的新朋友首次登录并阅读任一产品的保险条款后，您可获得5元现金红包。奖励与是否购买保险无关。';

const aCampaign = (overrides: Partial<CurrentCampaign> = {}): CurrentCampaign => ({
  id: CAMPAIGN_ID,
  version: 1,
  name: '邀好友看条款',
  rulesText: RULES,
  startsAt: '2026-12-01T00:00:00+08:00',
  endsAt: '2026-12-31T23:59:00+08:00',
  shareCard: { title: '航班延误自动赔，看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
  rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } }],
  ...overrides,
});

type Reward = MyInvitesResponse['rewards'][number];
const aReward = (overrides: Partial<Reward> = {}): Reward => ({
  id: REWARD_ID,
  campaignId: CAMPAIGN_ID,
  kind: 'cash',
  amountFen: 500,
  points: 0,
  status: 'payable',
  payableAt: '2026-12-04T10:00:00+08:00',
  ...overrides,
});
const invitesWith = (...rewards: Reward[]): MyInvitesResponse => ({
  invites: [{ boundAt: '2026-12-03T09:30:00+08:00', friendMasked: '微信用户ab12' }],
  rewards,
});

const saved = { ...REWARD_POLLING };
beforeEach(() => {
  REWARD_POLLING.intervalMs = 5;
  REWARD_POLLING.maxWaitMs = 2_000;
});
afterEach(() => {
  Object.assign(REWARD_POLLING, saved);
});

const signedIn = () => storage.set(SESSION_STORAGE_KEY, { token: 'token-1', expiresAt: '2099-01-01T00:00:00+08:00' });

describe('邀请好友 (the campaign page)', () => {
  it('shows the full rules before anyone joins, and asks nothing personal until the customer joins', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/campaigns/current': () => ok(aCampaign()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCD2345', sharePath: '/pages/home/index?ic=ABCD2345' }),
      'GET /api/v1/campaigns/me/invites': () => ok({ invites: [], rewards: [] }),
    });

    render(<CampaignPage />);

    const rules = await screen.findByTestId('campaign-rules');
    expect(rules).toHaveTextContent(RULES);
    expect(rules).toHaveTextContent('好友通过你的邀请首次登录后，阅读任一产品的保险条款');
    expect(rules).toHaveTextContent('你获得 ¥5.00 现金红包');
    expect(rules).toHaveTextContent('与是否购买保险无关');
    expect(
      api.calls.filter(
        (call) => call.path.startsWith('/api/v1/campaigns/me') || call.path === '/api/v1/auth/wechat-login',
      ),
    ).toHaveLength(0);

    fireEvent.click(screen.getByText('我已阅读活动规则，参加活动'));

    expect(await screen.findByTestId('invite-code')).toHaveTextContent('ABCD2345');
    expect(api.callsTo('POST /api/v1/auth/wechat-login')).toHaveLength(1);
    expect(screen.getByTestId('invite-count')).toHaveTextContent('0');
    expect(screen.getByText('还没有奖励')).toBeInTheDocument();
    expect(screen.getByText('还没有好友通过你的邀请加入')).toBeInTheDocument();
    // No poster and no link unless the BFF offers them.
    expect(screen.queryByText('复制邀请链接')).toBeNull();
    expect(document.querySelector('.campaign-invite__poster')).toBeNull();
  });

  it('shares the reviewed card title with a path that carries my invite code and the campaign, and never promises a reward for sharing', async () => {
    signedIn();
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/campaigns/current': () => ok(aCampaign()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCD2345', sharePath: '/pages/home/index?ic=ABCD2345' }),
      'GET /api/v1/campaigns/me/invites': () => ok(invitesWith()),
    });

    const { container } = render(<CampaignPage />);

    await screen.findByTestId('invite-code');
    expect(share.handler?.()).toEqual({
      title: '航班延误自动赔，看看条款怎么写',
      path: `/packages/campaign/index/index?ic=ABCD2345&cid=${CAMPAIGN_ID}`,
      imageUrl: 'https://cdn.example/card.png',
    });
    expect(screen.getByTestId('invite-count')).toHaveTextContent('1');
    expect(screen.getByText('微信用户ab12')).toBeInTheDocument();
    expect(container.textContent).not.toMatch(/分享(即|就)?(得|领|送)/);
  });

  it('shows the poster and copies the H5 link (naming the campaign) when the BFF offers them', async () => {
    signedIn();
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/campaigns/current': () => ok(aCampaign()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({
          inviteCode: 'ABCD2345',
          sharePath: '/pages/home/index?ic=ABCD2345',
          posterUrl: 'https://cdn.example/poster.png',
          h5Link: 'https://app.example/#/packages/campaign/index/index?ic=ABCD2345',
        }),
      'GET /api/v1/campaigns/me/invites': () => ok(invitesWith()),
    });

    const { container } = render(<CampaignPage />);

    fireEvent.click(await screen.findByText('复制邀请链接'));
    await waitFor(() =>
      expect(clipboard).toEqual([`https://app.example/#/packages/campaign/index/index?ic=ABCD2345&cid=${CAMPAIGN_ID}`]),
    );
    const poster = container.querySelector('.campaign-invite__poster-image')!;
    expect(poster).toHaveAttribute('src', 'https://cdn.example/poster.png');
    fireEvent.click(poster);
    await waitFor(() => expect(previewedImages).toEqual(['https://cdn.example/poster.png']));
  });

  it('collects a payable red packet: the transfer bill, the simulator’s confirm, then 已到账 only when the BFF says paid', async () => {
    signedIn();
    let polls = 0;
    const api = stubApi({
      ...sessionRoutes(true),
      'GET /api/v1/campaigns/current': () => ok(aCampaign()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCD2345', sharePath: '/pages/home/index?ic=ABCD2345' }),
      'GET /api/v1/campaigns/me/invites': () => {
        polls += 1;
        if (polls === 1) return ok(invitesWith(aReward()));
        return ok(invitesWith(aReward({ status: polls < 4 ? 'paying' : 'paid' })));
      },
      [`POST /api/v1/campaigns/rewards/${REWARD_ID}/collect`]: () => ok(aTransferBill()),
      'POST /api/dev/sim/confirm-transfer': () => ({ status: 204 }),
    });

    const { container } = render(<CampaignPage />);

    const packet = await waitFor(() => {
      const element = container.querySelector<HTMLElement>('.red-packet');
      expect(element).not.toBeNull();
      return element!;
    });
    expect(within(packet).getByText('小安保险 · 活动奖励')).toBeInTheDocument();
    expect(within(packet).getByText('¥5.00')).toBeInTheDocument();
    expect(packet.textContent).not.toContain('赔款');
    fireEvent.click(within(packet).getByRole('button', { name: '拆红包' }));

    await waitFor(() => expect(container.querySelector('.red-packet--paid')).not.toBeNull());
    expect(container.querySelector('.red-packet--paid')).toHaveTextContent('已到账');
    expect(api.callsTo('POST /api/dev/sim/confirm-transfer')[0]?.body).toEqual({ package: aTransferBill().package });
    const order = api.calls.map((call) => `${call.method} ${call.path}`);
    expect(order.indexOf(`POST /api/v1/campaigns/rewards/${REWARD_ID}/collect`)).toBeLessThan(
      order.indexOf('POST /api/dev/sim/confirm-transfer'),
    );
    expect(polls).toBeGreaterThanOrEqual(4);
  });

  it('keeps a reward in its hold closed, saying when it can be collected', async () => {
    signedIn();
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/campaigns/current': () => ok(aCampaign()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCD2345', sharePath: '/pages/home/index?ic=ABCD2345' }),
      'GET /api/v1/campaigns/me/invites': () =>
        ok(
          invitesWith(
            aReward({ status: 'pending', payableAt: '2026-12-07T10:00:00+08:00' }),
            aReward({
              id: '00000000-0000-4000-8000-00000000a002',
              kind: 'points',
              amountFen: 0,
              points: 100,
              status: 'review',
            }),
          ),
        ),
    });

    const { container } = render(<CampaignPage />);

    expect(await screen.findByText('观察期至 12月7日 10:00，之后可领取')).toBeInTheDocument();
    expect(container.querySelector('.red-packet__open')).toBeNull();
    expect(screen.getByText('100 积分')).toBeInTheDocument();
    expect(screen.getByText('审核中')).toBeInTheDocument();
    expect(api.calls.filter((call) => call.path.includes('/collect'))).toHaveLength(0);
  });

  it('says plainly when the red packet cannot be collected now, in the server’s words', async () => {
    signedIn();
    stubApi({
      ...sessionRoutes(true),
      'GET /api/v1/campaigns/current': () => ok(aCampaign()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCD2345', sharePath: '/pages/home/index?ic=ABCD2345' }),
      'GET /api/v1/campaigns/me/invites': () => ok(invitesWith(aReward())),
      [`POST /api/v1/campaigns/rewards/${REWARD_ID}/collect`]: () =>
        fail(503, 'PAYOUT_BUSY', '领取的人太多了，请稍后再试'),
    });

    const { container } = render(<CampaignPage />);

    fireEvent.click(await screen.findByRole('button', { name: '拆红包' }));
    expect(await screen.findByText('领取的人太多了，请稍后再试')).toBeInTheDocument();
    expect(container.querySelector('.red-packet')).toHaveAttribute('data-phase', 'closed');
    expect(container.textContent).not.toContain('PAYOUT_BUSY');
  });

  it('says the campaign is over when none is running', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/campaigns/current': () => fail(404, 'CAMPAIGN_NONE_ACTIVE', '当前没有进行中的活动'),
    });

    render(<CampaignPage />);

    expect(await screen.findByText('活动已结束')).toBeInTheDocument();
    expect(screen.queryByTestId('campaign-rules')).toBeNull();
  });

  it('shows an error with a retry when the campaign cannot be loaded', async () => {
    let answers = 0;
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/campaigns/current': () =>
        answers++ === 0 ? fail(503, 'SERVICE_UNAVAILABLE', '服务繁忙，请稍后再试') : ok(aCampaign()),
    });

    render(<CampaignPage />);

    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByTestId('campaign-rules')).toBeInTheDocument();
  });
});
