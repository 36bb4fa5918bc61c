import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { aHeatSubject, aPolicyDetail } from '../../../../test/support/purchase.builder';
import { aClaim } from '../../../../test/support/claim.builder';
import { routeCalls, setRouterParams } from '../../../../test/shims/taro';
import PolicyDetailPage from './index';

const POLICY_NO = aPolicyDetail().policyNo;

describe('policy detail', () => {
  it('shows status, cover, flight, payout, premium, masked insured and the filing facts', async () => {
    stubApi({ ...sessionRoutes(), [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()) });
    setRouterParams({ policyNo: POLICY_NO });

    const { container } = render(<PolicyDetailPage />);

    expect(await screen.findByText('保障中')).toBeInTheDocument();
    expect(screen.getByText(`保单号 ${POLICY_NO}`)).toBeInTheDocument();
    expect(screen.getByText('¥200.00')).toBeInTheDocument();
    expect(screen.getByText('2026年12月1日 08:00')).toBeInTheDocument();
    expect(screen.getByText('2026年12月2日 08:00')).toBeInTheDocument();
    expect(screen.getByText('到达延误≥120分钟，或航班取消、备降')).toBeInTheDocument();
    expect(screen.getByText('1101**********4578')).toBeInTheDocument();
    expect(screen.getByText('138****5678')).toBeInTheDocument();
    expect(container.querySelector('.policy-detail__filing-no')).toHaveTextContent('C00017932312021120823083');
    expect(screen.getByText('第 1 版')).toBeInTheDocument();
    expect(screen.getByText('XA202612010001')).toBeInTheDocument();
    expect(screen.getByText('上海虹桥国际机场')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '去验真' }));
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/policy/verify/index?policyNo=${POLICY_NO}` }]);
  });

  it("shows the server's message when the policy is not the customer's", async () => {
    stubApi({ ...sessionRoutes(), [`GET /api/v1/policies/${POLICY_NO}`]: () => fail(404, 'POLICY_NOT_FOUND', '没有查到该保单，请核对保单号和被保险人姓名') });
    setRouterParams({ policyNo: POLICY_NO });

    render(<PolicyDetailPage />);

    expect(await screen.findByText('没有查到该保单，请核对保单号和被保险人姓名')).toBeInTheDocument();
  });

  it('links to the policy’s claim when there is one', async () => {
    stubApi({
      ...sessionRoutes(),
      [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
      'GET /api/v1/claims': () =>
        ok({ items: [aClaim({ id: '00000000-0000-4000-8000-0000000000d9', policyNo: 'OTHER' }), aClaim({ policyNo: POLICY_NO, status: 'paid', collectable: false })] }),
    });
    setRouterParams({ policyNo: POLICY_NO });

    const { container } = render(<PolicyDetailPage />);

    const link = await screen.findByText('MU5101 晚到 146 分钟');
    expect(container.querySelectorAll('.claim-link')).toHaveLength(1);
    expect(container.querySelector('.claim-link .claim-status')).toHaveTextContent('已到账');
    fireEvent.click(link);
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/claims/detail/index?id=${aClaim().id}` }]);
  });

  it('shows a HEAT37 policy by city, season, units and deductible, with its trigger, instead of a flight', async () => {
    const policy = aPolicyDetail({ productCode: 'HEAT37', productName: '37°C高温险', flight: null, weather: aHeatSubject(), delayThresholdMinutes: null });
    stubApi({ ...sessionRoutes(), [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(policy), 'GET /api/v1/claims': () => ok({ items: [] }) });
    setRouterParams({ policyNo: POLICY_NO });

    const { container } = render(<PolicyDetailPage />);

    expect(await screen.findByText('承保城市')).toBeInTheDocument();
    expect(screen.getByText('武汉 · 2027年高温季')).toBeInTheDocument();
    expect(screen.getByText('最高赔付')).toBeInTheDocument();
    expect(screen.getByText('2份')).toBeInTheDocument();
    expect(screen.getByText('6天')).toBeInTheDocument();
    expect(screen.getByText(/日最高气温≥37°C 记为高温日；超过免赔 6 天后/)).toBeInTheDocument();
    expect(container.querySelector('.flight-route')).toBeNull();
  });
});
