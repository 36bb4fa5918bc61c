import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { fail, ok, sessionRoutes, stubApi } from '../../../test/support/fake-api';
import { aFlight, aFlightSubject, aHeatSubject, aPolicy, aRainSubject } from '../../../test/support/purchase.builder';
import { aClaim } from '../../../test/support/claim.builder';
import { routeCalls, tabBarRedDots } from '../../../test/shims/taro';
import PoliciesPage from './index';

describe('my policies', () => {
  it('invites a customer without policies to look at the products', async () => {
    stubApi({ ...sessionRoutes(), 'GET /api/v1/policies': () => ok({ items: [] }) });

    render(<PoliciesPage />);

    expect(await screen.findByText('还没有保单')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '去看看保障' }));
    expect(routeCalls).toEqual([{ kind: 'switchTab', url: '/pages/home/index' }]);
  });

  it('shows each policy with its status, flight route and date, payout and masked insured', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/policies': () =>
        ok({
          items: [
            aPolicy(),
            aPolicy({
              policyNo: 'XAFD120202611150007',
              status: 'claimed',
              payoutFen: 30_000,
              insuredNameMasked: '李*',
              subject: aFlightSubject({
                flight: aFlight({
                  flightNo: 'CA1831',
                  flightDate: '2026-11-15',
                  origin: { code: 'PEK', name: '北京首都国际机场', city: '北京' },
                  destination: { code: 'SHA', name: '上海虹桥国际机场', city: '上海' },
                  scheduledDeparture: '2026-11-15T09:30:00+08:00',
                }),
              }),
            }),
          ],
        }),
    });

    const { container } = render(<PoliciesPage />);

    await screen.findByText('共 2 份保单');
    const cards = Array.from(container.querySelectorAll<HTMLElement>('.policy-card'));
    expect(cards.map((card) => card.getAttribute('data-policy-no'))).toEqual([
      'XAFD120202612010001',
      'XAFD120202611150007',
    ]);
    const second = within(cards[1]!);
    expect(second.getByText('已理赔')).toBeInTheDocument();
    expect(second.getByText('北京 → 上海')).toBeInTheDocument();
    expect(second.getByText('CA1831 · 2026年11月15日 09:30 起飞')).toBeInTheDocument();
    expect(second.getByText('¥300')).toBeInTheDocument();
    expect(second.getByText('李*')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('保障中')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/policies')[0]?.headers.Authorization).toBe('Bearer token-1');

    fireEvent.click(cards[0]!);
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: '/packages/policy/detail/index?policyNo=XAFD120202612010001' },
    ]);
  });

  it('shows the server message with a retry when the list fails', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/policies': () => fail(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'),
    });

    render(<PoliciesPage />);

    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });

  it('asks to open WeChat when H5 runs without the simulator', async () => {
    stubApi(sessionRoutes(false));

    render(<PoliciesPage />);

    expect(await screen.findByText('请在微信中查看保单')).toBeInTheDocument();
  });

  it('links a policy to its claim, and 我的理赔 from the top when a red packet waits', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/policies': () => ok({ items: [aPolicy(), aPolicy({ policyNo: 'XAFD120202611150007' })] }),
      'GET /api/v1/claims': () => ok({ items: [aClaim({ policyNo: 'XAFD120202611150007' })] }),
    });

    const { container } = render(<PoliciesPage />);

    expect(await screen.findByText('1 笔赔款待领取')).toBeInTheDocument();
    expect(tabBarRedDots.has(2)).toBe(true);
    const cards = Array.from(container.querySelectorAll<HTMLElement>('.policy-card'));
    expect(cards[0]!.querySelector('.claim-link')).toBeNull();
    const link = cards[1]!.querySelector<HTMLElement>(`.claim-link[data-claim-id="${aClaim().id}"]`)!;
    expect(within(link).getByText('延误赔款待领取')).toBeInTheDocument();
    expect(within(link).getByText('¥200.00 · 拆红包领取')).toBeInTheDocument();

    fireEvent.click(link);
    fireEvent.click(container.querySelector('.policies__claims-entry')!);
    // The claim link opens the claim, not the policy underneath it.
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: `/packages/claims/detail/index?id=${aClaim().id}` },
      { kind: 'navigateTo', url: '/packages/claims/list/index' },
    ]);
  });

  it('shows weather policies by city and season, or spot and date, where a flight policy shows its route', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/policies': () =>
        ok({
          items: [
            aPolicy({
              policyNo: 'XAHEAT37202611280001',
              productCode: 'HEAT37',
              productName: '37°C高温险',
              subject: aHeatSubject(),
            }),
            aPolicy({
              policyNo: 'XARAIN202611280001',
              productCode: 'RAIN',
              productName: '景区下雨险',
              payoutFen: 3_000,
              subject: aRainSubject(),
            }),
          ],
        }),
      'GET /api/v1/claims': () =>
        ok({ items: [aClaim({ policyNo: 'XAHEAT37202611280001', amountFen: 1_000, collectable: true })] }),
    });

    const { container } = render(<PoliciesPage />);

    await screen.findByText('共 2 份保单');
    const [heat, rain] = Array.from(container.querySelectorAll<HTMLElement>('.policy-card'));
    expect(within(heat!).getByText(/武汉 · 2027年高温季/)).toBeInTheDocument();
    expect(within(heat!).getByText('2份 · 保障 2027年6月21日–8月31日')).toBeInTheDocument();
    expect(within(heat!).getByText('最高赔付')).toBeInTheDocument();
    expect(await within(heat!).findByText('高温补贴待领取')).toBeInTheDocument();
    expect(within(rain!).getByText(/西湖 · 杭州/)).toBeInTheDocument();
    expect(within(rain!).getByText('2026年12月5日 09:00–17:00 · 3人')).toBeInTheDocument();
    expect(within(rain!).getByText('下雨赔付')).toBeInTheDocument();
  });
});
