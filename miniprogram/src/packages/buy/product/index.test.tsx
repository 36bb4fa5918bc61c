import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { catalogStore } from '../../../features/catalog/hooks/catalog-store';
import { errorEnvelope, stubFetch, stubFetchPending, stubFetchSequence } from '../../../../test/support/fake-fetch';
import { theCatalogue } from '../../../../test/support/product.builder';
import { routeCalls, setRouterParams, toasts } from '../../../../test/shims/taro';
import { salesTrail } from '../../../services/trail';
import ProductPage from './index';

const openProduct = async (code: string) => {
  setRouterParams({ code });
  const view = render(<ProductPage />);
  await screen.findByText('产品备案编号');
  return view;
};

describe('product page', () => {
  it('discloses the insurer, the filing number and the clauses before sale', async () => {
    stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));

    const { container } = await openProduct('HEAT37');

    expect(screen.getByText('37°C高温险')).toBeInTheDocument();
    expect(container.querySelector('.product-filing-no')).toHaveTextContent('C00017932322021060100077');
    expect(container.querySelector('.product-insurer')).toHaveTextContent('众安在线财产保险股份有限公司');
    expect(screen.getByText('第一条 保险责任')).toBeInTheDocument();
    expect(screen.getByText(/日最高气温达到37°C的/)).toBeInTheDocument();
    expect(screen.getByText('日最高气温≥37°C 记为高温日')).toBeInTheDocument();
    // Plain words: the sale period, not an internal version number.
    expect(container.textContent).not.toMatch(/第 \d+ 版|条款版本|HEAT37 v\d|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('shows the exclusions in their own highlighted box with a bold title', async () => {
    stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));

    const { container } = await openProduct('FD120');

    const box = container.querySelector<HTMLElement>('.exclusions');
    expect(box).not.toBeNull();
    expect(within(box!).getByText('免责条款（请重点阅读）')).toBeInTheDocument();
    expect(within(box!).getByText('投保时航班已经延误、取消或起飞的')).toBeInTheDocument();
    expect(within(box!).getByText('被保险人未实际乘坐该航班的')).toBeInTheDocument();
  });

  it('keeps 立即投保 disabled until the buyer confirms reading the exclusions, then goes to the flight step', async () => {
    const catalogue = theCatalogue();
    stubFetch(() => ({ status: 200, body: { items: catalogue } }));
    await openProduct('FD120');

    const buy = screen.getByRole('button', { name: '立即投保' });
    expect(buy).toBeDisabled();
    expect(screen.getByText('我已阅读并理解免责条款').closest('.exclusions-ack')).not.toHaveClass(
      'exclusions-ack--checked',
    );
    fireEvent.click(buy);
    expect(routeCalls).toEqual([]);

    fireEvent.click(screen.getByText('我已阅读并理解免责条款'));
    expect(buy).toBeEnabled();

    fireEvent.click(buy);
    const versionId = catalogue[0]!.currentVersion.id;
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/buy/flight/index?code=FD120&ack=${versionId}` }]);
  });

  it('records the exclusions confirmation, with the version read, in the sales trail', async () => {
    const catalogue = theCatalogue();
    stubFetch(() => ({ status: 200, body: { items: catalogue } }));
    await openProduct('FD120');

    fireEvent.click(screen.getByText('我已阅读并理解免责条款'));

    const events = salesTrail.eventsForOrder();
    expect(events.map((event) => event.type)).toEqual(['page_view', 'exclusions_confirmed']);
    expect(events[0]?.page).toBe('product:FD120');
    expect(events[1]?.detail).toBe(`FD120 v1 ${catalogue[0]!.currentVersion.id}`);
  });

  it('sends HEAT37 buyers on to the city step and RAIN buyers to the spot step, with the version read', async () => {
    const catalogue = theCatalogue();
    stubFetch(() => ({ status: 200, body: { items: catalogue } }));
    const heat = catalogue.find((product) => product.code === 'HEAT37')!;
    const rain = catalogue.find((product) => product.code === 'RAIN')!;

    const { unmount } = await openProduct('HEAT37');
    fireEvent.click(screen.getByText('我已阅读并理解免责条款'));
    expect(screen.getByText('下一步：选择城市和份数')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '立即投保' }));
    unmount();

    await openProduct('RAIN');
    fireEvent.click(screen.getByText('我已阅读并理解免责条款'));
    fireEvent.click(screen.getByRole('button', { name: '立即投保' }));

    expect(toasts).toEqual([]);
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: `/packages/buy/heat/index?code=HEAT37&ack=${heat.currentVersion.id}` },
      { kind: 'navigateTo', url: `/packages/buy/rain/index?code=RAIN&ack=${rain.currentVersion.id}` },
    ]);
  });

  it('reuses the list loaded by the home page instead of fetching it again', async () => {
    const fetchMock = stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));
    await catalogStore.load();

    await openProduct('RAIN');

    expect(screen.getByText('景区下雨险')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('says the product is gone when the code is not on sale, with a way home', async () => {
    stubFetch(() => ({ status: 200, body: { items: theCatalogue() } }));
    setRouterParams({ code: 'FD90' });
    render(<ProductPage />);

    fireEvent.click(await screen.findByRole('button', { name: '返回首页' }));

    expect(screen.getByText('该保险产品不存在或已下架')).toBeInTheDocument();
    expect(routeCalls).toEqual([{ kind: 'switchTab', url: '/pages/home/index' }]);
  });

  it('shows a spinner while loading and the server message on failure', async () => {
    stubFetchPending();
    setRouterParams({ code: 'FD120' });
    const { unmount } = render(<ProductPage />);
    expect(screen.getByText('正在加载产品信息…')).toBeInTheDocument();
    unmount();

    catalogStore.reset();
    stubFetchSequence({ status: 500, body: errorEnvelope('INTERNAL_ERROR', '系统繁忙，请稍后再试') });
    render(<ProductPage />);
    expect(await screen.findByText('系统繁忙，请稍后再试')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });
});

describe('product page sharing', () => {
  it('shares a card whose path carries the logged-in sharer’s invite code, and none for a visitor', async () => {
    const { storage, share } = await import('../../../../test/shims/taro');
    stubFetch((url: string) =>
      url.includes('/api/v1/campaigns/me/invite')
        ? { status: 200, body: { inviteCode: 'ABCDEFGH', sharePath: '/pages/home/index?ic=ABCDEFGH' } }
        : { status: 200, body: { items: theCatalogue() } },
    );
    const visitor = await openProduct('FD120');
    expect(share.handler?.()).toMatchObject({ path: '/packages/buy/product/index?code=FD120' });
    visitor.unmount();

    storage.set('xiaoan.session', { token: 'tok', expiresAt: '2099-01-01T00:00:00+08:00' });
    await openProduct('FD120');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(share.handler?.()).toEqual({
      title: expect.stringContaining('小安保险'),
      path: '/packages/buy/product/index?code=FD120&ic=ABCDEFGH',
    });
  });

  it('reports reading the terms (the exclusions confirmed) for a logged-in customer, and nothing for a visitor', async () => {
    const { storage } = await import('../../../../test/shims/taro');
    const fetchMock = stubFetch((url: string) =>
      url.includes('/api/v1/campaigns/actions')
        ? { status: 200, body: { recorded: true, outcomes: [] } }
        : { status: 200, body: { items: theCatalogue() } },
    );
    const visitor = await openProduct('FD120');
    fireEvent.click(screen.getByText('我已阅读并理解免责条款'));
    expect(fetchMock.mock.calls.filter(([url]) => String(url).includes('/campaigns/actions'))).toHaveLength(0);
    visitor.unmount();

    storage.set('xiaoan.session', { token: 'tok', expiresAt: '2099-01-01T00:00:00+08:00' });
    await openProduct('FD120');
    fireEvent.click(screen.getByText('我已阅读并理解免责条款'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reported = fetchMock.mock.calls.filter(([url]) => String(url).includes('/campaigns/actions'));
    expect(reported).toHaveLength(1);
    expect(JSON.parse(String((reported[0]![1] as RequestInit).body))).toEqual({
      action: 'friend_read_terms',
      product: 'FD120',
    });
  });
});
