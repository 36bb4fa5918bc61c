import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorEnvelope, stubFetch, stubFetchPending } from '../../../test/support/fake-fetch';
import { theCatalogue } from '../../../test/support/product.builder';
import { routeCalls } from '../../../test/shims/taro';
import HomePage from './index';

const productCards = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>('.product-card'));

describe('home page', () => {
  it('shows a card per product on sale with its price from', async () => {
    stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));

    const { container } = render(<HomePage />);

    await screen.findByText('航班延误险');
    const cards = productCards(container);
    expect(cards).toHaveLength(4);
    expect(cards.map((card) => card.querySelector('.product-card__price')?.textContent)).toEqual([
      '¥25 起',
      '¥35 起',
      '¥9.90 起',
      '¥1 起',
    ]);
    expect(within(cards[2]!).getByText('37°C高温险')).toBeInTheDocument();
    expect(within(cards[2]!).getByText('众安在线财产保险股份有限公司 承保')).toBeInTheDocument();
  });

  it('shows placeholders while the products load', () => {
    stubFetchPending();

    const { container } = render(<HomePage />);

    expect(screen.getByText('正在加载在售产品…')).toBeInTheDocument();
    expect(container.querySelectorAll('.skeleton-card')).toHaveLength(3);
    expect(productCards(container)).toHaveLength(0);
  });

  it("shows the server's message and loads again on 重试", async () => {
    const products = [
      { status: 503, body: errorEnvelope('SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试', 'req-9') },
      { status: 200, body: { items: theCatalogue() } },
    ];
    let productCalls = 0;
    stubFetch((url) =>
      url.includes('/api/v1/campaigns/current')
        ? { status: 404, body: errorEnvelope('CAMPAIGN_NONE_ACTIVE', '当前没有进行中的活动') }
        : products[Math.min(productCalls++, products.length - 1)]!,
    );

    const { container } = render(<HomePage />);

    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
    expect(screen.queryByText(/req-9/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '重试' }));

    await waitFor(() => expect(productCards(container)).toHaveLength(4));
    expect(productCalls).toBe(2);
    expect(screen.queryByText('服务暂时不可用，请稍后再试')).not.toBeInTheDocument();
  });

  it('says so when nothing is on sale', async () => {
    stubFetch(() => ({ status: 200, body: { items: [] } }));

    render(<HomePage />);

    expect(await screen.findByText('暂无在售产品')).toBeInTheDocument();
  });

  it('opens the product page of the tapped card', async () => {
    stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));
    render(<HomePage />);

    fireEvent.click(await screen.findByText('景区下雨险'));

    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: '/packages/buy/product/index?code=RAIN' }]);
  });

  it('leads to the campaign page while a campaign is published, and shows no entry otherwise', async () => {
    stubFetch((url) =>
      url.includes('/api/v1/campaigns/current')
        ? {
            status: 200,
            body: {
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
            },
          }
        : { status: 200, body: { items: theCatalogue() } },
    );
    const { container } = render(<HomePage />);

    fireEvent.click(await screen.findByText('邀好友看条款'));
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: '/packages/campaign/index/index' }]);
    expect(container.querySelector('.campaign-entry')).toHaveTextContent('查看活动规则');
  });

  it('shows no campaign entry when none is running', async () => {
    stubFetch((url) =>
      url.includes('/api/v1/campaigns/current')
        ? { status: 404, body: errorEnvelope('CAMPAIGN_NONE_ACTIVE', '当前没有进行中的活动') }
        : { status: 200, body: { items: theCatalogue() } },
    );
    const { container } = render(<HomePage />);

    await screen.findByText('航班延误险');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.querySelector('.campaign-entry')).toBeNull();
  });
});
