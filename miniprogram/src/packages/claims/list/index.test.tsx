import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ClaimSummary } from '@xiaoan/shared';
import { aClaim } from '../../../../test/support/claim.builder';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { routeCalls, setRouterParams } from '../../../../test/shims/taro';
import ClaimsPage from './index';

const claimId = (n: number) => `00000000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`;

describe('my claims', () => {
  it('labels every claim status the way the customer reads it', async () => {
    const claims: ClaimSummary[] = [
      aClaim({ id: claimId(1), status: 'approved', collectable: true }),
      aClaim({ id: claimId(2), status: 'offered', collectable: false }),
      aClaim({ id: claimId(3), status: 'paid', collectable: false, paidAt: '2026-12-01T16:40:00+08:00' }),
      aClaim({ id: claimId(4), status: 'failed', collectable: true }),
      aClaim({ id: claimId(5), status: 'expired', collectable: true }),
      aClaim({
        id: claimId(6),
        status: 'manual_review',
        collectable: false,
        amountFen: 0,
        headline: 'CA1831 到达状态待核实',
      }),
      aClaim({ id: claimId(7), status: 'rejected', collectable: false, amountFen: 0, headline: 'CA1831 晚到 90 分钟' }),
    ];
    stubApi({ ...sessionRoutes(), 'GET /api/v1/claims': () => ok({ items: claims }) });

    const { container } = render(<ClaimsPage />);

    await screen.findByText('3 笔赔款待领取');
    const labels = Array.from(container.querySelectorAll('.claim-card')).map((card) => [
      card.getAttribute('data-claim-id'),
      card.querySelector('.claim-status')?.getAttribute('data-status'),
      card.querySelector('.claim-status')?.textContent,
    ]);
    expect(labels).toEqual([
      [claimId(1), 'approved', '待领取'],
      [claimId(2), 'offered', '到账中'],
      [claimId(3), 'paid', '已到账'],
      [claimId(4), 'failed', '领取失败·可重领'],
      [claimId(5), 'expired', '已过期·可重领'],
      [claimId(6), 'manual_review', '人工审核中'],
      [claimId(7), 'rejected', '未达赔付条件'],
    ]);
    expect(screen.getByText('共 ¥600.00，拆开红包即可到账微信零钱')).toBeInTheDocument();
  });

  it('shows the amount and headline and opens the claim on a tap', async () => {
    const api = stubApi({ ...sessionRoutes(), 'GET /api/v1/claims': () => ok({ items: [aClaim()] }) });

    const { container } = render(<ClaimsPage />);

    const card = (await screen.findByText('MU5101 晚到 146 分钟')).closest('.claim-card') as HTMLElement;
    expect(within(card).getByText('¥200.00')).toBeInTheDocument();
    expect(within(card).getByText('赔款红包待领取，点击拆开')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/claims')[0]?.headers.Authorization).toBe('Bearer token-1');

    fireEvent.click(container.querySelector(`.claim-card[data-claim-id="${aClaim().id}"]`)!);
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/claims/detail/index?id=${aClaim().id}` }]);
  });

  it('says where claims will appear when there are none yet', async () => {
    stubApi({ ...sessionRoutes(), 'GET /api/v1/claims': () => ok({ items: [] }) });

    render(<ClaimsPage />);

    expect(await screen.findByText('暂无理赔')).toBeInTheDocument();
    expect(screen.getByText('航班延误、高温或下雨达到赔付条件后，理赔会自动出现在这里')).toBeInTheDocument();
  });

  it("shows only one policy's claims when opened from that policy", async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () =>
        ok({
          items: [
            aClaim({ id: claimId(1), policyNo: 'P1' }),
            aClaim({ id: claimId(2), policyNo: 'P2', headline: 'CA1831 航班取消' }),
          ],
        }),
    });
    setRouterParams({ policyNo: 'P2' });

    const { container } = render(<ClaimsPage />);

    expect(await screen.findByText('保单 P2 的理赔')).toBeInTheDocument();
    expect(
      Array.from(container.querySelectorAll('.claim-card')).map((card) => card.getAttribute('data-claim-id')),
    ).toEqual([claimId(2)]);
  });

  it('shows the server message with a retry when the list fails', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () => fail(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'),
    });

    render(<ClaimsPage />);

    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
    expect(screen.queryByText(/req-test-1/)).toBeNull();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });

  it('shows a loading state first', () => {
    stubApi({ ...sessionRoutes(), 'GET /api/v1/claims': () => new Promise(() => undefined) });

    render(<ClaimsPage />);

    expect(screen.getByText('正在加载理赔…')).toBeInTheDocument();
  });

  it('asks to open WeChat when H5 runs without the simulator', async () => {
    stubApi(sessionRoutes(false));

    render(<ClaimsPage />);

    expect(await screen.findByText('请在微信中查看理赔')).toBeInTheDocument();
  });

  it('shows a HEAT37 claim paid in part with what has accrued since, and totals only what can be collected', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/claims': () =>
        ok({
          items: [
            aClaim({
              id: claimId(1),
              status: 'paid',
              productName: '37°C高温险',
              headline: '武汉 已计 8 个高温日',
              amountFen: 2_000,
              paidFen: 1_000,
              collectable: true,
              collectableFen: 1_000,
            }),
          ],
        }),
    });

    const { container } = render(<ClaimsPage />);

    expect(await screen.findByText('1 笔赔款待领取')).toBeInTheDocument();
    expect(screen.getByText('共 ¥10.00，拆开红包即可到账微信零钱')).toBeInTheDocument();
    const card = container.querySelector<HTMLElement>('.claim-card')!;
    expect(within(card).getByText('¥20.00')).toBeInTheDocument();
    expect(within(card).getByText('已领取 ¥10.00 · 新增 ¥10.00 待领取')).toBeInTheDocument();
    expect(within(card).getByText('新增 ¥10.00 待领取，点击再领')).toBeInTheDocument();
    expect(card.querySelector('.claim-status')).toHaveTextContent('待领取');
  });
});
