import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { aClaim } from '../../../test/support/claim.builder';
import { fail, ok, sessionRoutes, stubApi } from '../../../test/support/fake-api';
import { settle } from '../../../test/support/settle';
import { routeCalls, tabBarRedDots } from '../../../test/shims/taro';
import MePage from './index';

describe('我的', () => {
  it('opens 我的理赔 and shows how many red packets wait, with a dot on the 我的 tab', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () =>
        ok({
          items: [aClaim(), aClaim({ id: '00000000-0000-4000-8000-0000000000d2', status: 'paid', collectable: false })],
        }),
    });

    const { container } = render(<MePage />);

    expect(await screen.findByText('1 笔待领取')).toBeInTheDocument();
    expect(tabBarRedDots.has(2)).toBe(true);
    fireEvent.click(container.querySelector('.me-menu__item[data-target="claims"]')!);
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: '/packages/claims/list/index' }]);
  });

  it('shows no badge and clears the dot when nothing waits', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () => ok({ items: [aClaim({ status: 'paid', collectable: false })] }),
    });
    tabBarRedDots.add(2);

    render(<MePage />);

    await screen.findByText('理赔进度与赔款领取');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.callsTo('GET /api/v1/claims')).toHaveLength(1);
    expect(tabBarRedDots.has(2)).toBe(false);
    expect(screen.queryByText(/笔待领取/)).toBeNull();
  });

  it('keeps the entry when claims cannot be loaded (H5 outside WeChat)', async () => {
    stubApi(sessionRoutes(false));

    const { container } = render(<MePage />);

    await settle(20);
    expect(container.querySelector('.me-menu__item[data-target="claims"]')).toHaveTextContent('我的理赔');
  });

  it('opens 我的订单, 隐私政策 and 用户协议', async () => {
    stubApi(sessionRoutes());
    const { container } = render(<MePage />);
    for (const target of ['orders', 'privacy', 'terms'])
      fireEvent.click(container.querySelector(`.me-menu__item[data-target="${target}"]`)!);
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: '/packages/orders/list/index' },
      { kind: 'navigateTo', url: '/packages/legal/document/index?doc=privacy' },
      { kind: 'navigateTo', url: '/packages/legal/document/index?doc=terms' },
    ]);
    await settle();
  });

  it('opens 常见问题 and, in H5, the chat page from 联系客服', async () => {
    stubApi(sessionRoutes());
    const { container } = render(<MePage />);
    fireEvent.click(container.querySelector('.me-menu__item[data-target="faq"]')!);
    fireEvent.click(screen.getByRole('button', { name: '联系客服' }));
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: '/packages/support/faq/index' },
      { kind: 'navigateTo', url: '/packages/support/chat/index' },
    ]);
    await settle();
  });

  it('shows 邀请好友 only while a campaign is published', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () => ok({ items: [] }),
      'GET /api/v1/campaigns/current': () =>
        ok({
          id: 'c1',
          version: 1,
          name: '邀好友看条款',
          rulesText: '活动规则全文',
          startsAt: '2026-12-01T00:00:00+08:00',
          endsAt: '2026-12-31T00:00:00+08:00',
          shareCard: { title: '看看条款', imageUrl: '' },
          rewardRules: [
            { trigger: 'friend_read_terms', beneficiary: 'inviter', reward: { kind: 'cash', amountFen: 500 } },
          ],
        }),
    });
    const { container } = render(<MePage />);

    await screen.findByText('邀请好友');
    fireEvent.click(container.querySelector('.me-menu__item[data-target="campaign"]')!);
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: '/packages/campaign/index/index' }]);
  });

  it('shows no 邀请好友 entry when no campaign is running', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () => ok({ items: [] }),
      'GET /api/v1/campaigns/current': () => fail(404, 'CAMPAIGN_NONE_ACTIVE', '当前没有进行中的活动'),
    });
    const { container } = render(<MePage />);

    await screen.findByText('理赔进度与赔款领取');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.querySelector('.me-menu__item[data-target="campaign"]')).toBeNull();
  });
});
