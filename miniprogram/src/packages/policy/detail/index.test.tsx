import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { aHeatSubject, aPolicyDetail } from '../../../../test/support/purchase.builder';
import { aClaim } from '../../../../test/support/claim.builder';
import { loadingCalls, modalAnswers, modals, routeCalls, setRouterParams, toasts } from '../../../../test/shims/taro';
import PolicyDetailPage from './index';

const POLICY_NO = aPolicyDetail().policyNo;
const DOCUMENT_ROUTE = `GET /api/v1/policies/${POLICY_NO}/document`;

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
    // Plain words: no internal version codes on the customer's page.
    expect(container.textContent).not.toMatch(/第 \d+ 版|条款版本|FD120 v\d/);
    expect(screen.getByText('XA202612010001')).toBeInTheDocument();
    expect(screen.getByText('上海虹桥国际机场')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '去验真' }));
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/policy/verify/index?policyNo=${POLICY_NO}` }]);
  });

  it("shows the server's message when the policy is not the customer's", async () => {
    stubApi({
      ...sessionRoutes(),
      [`GET /api/v1/policies/${POLICY_NO}`]: () =>
        fail(404, 'POLICY_NOT_FOUND', '没有查到该保单，请核对保单号和被保险人姓名'),
    });
    setRouterParams({ policyNo: POLICY_NO });

    render(<PolicyDetailPage />);

    expect(await screen.findByText('没有查到该保单，请核对保单号和被保险人姓名')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '返回' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  });

  it('links to the policy’s claim when there is one', async () => {
    stubApi({
      ...sessionRoutes(),
      [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
      'GET /api/v1/claims': () =>
        ok({
          items: [
            aClaim({ id: '00000000-0000-4000-8000-0000000000d9', policyNo: 'OTHER' }),
            aClaim({ policyNo: POLICY_NO, status: 'paid', collectable: false }),
          ],
        }),
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
    const policy = aPolicyDetail({
      productCode: 'HEAT37',
      productName: '37°C高温险',
      subject: aHeatSubject(),
    });
    stubApi({
      ...sessionRoutes(),
      [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(policy),
      'GET /api/v1/claims': () => ok({ items: [] }),
    });
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

  describe('退保', () => {
    const CANCEL_ROUTE = `POST /api/v1/policies/${POLICY_NO}/cancel`;
    const cancelledPolicy = aPolicyDetail({
      status: 'cancelled',
      cancelledAt: '2026-11-28T02:00:00.000Z',
      cancellation: { available: false, deadline: null, refundFen: 2_500, unavailableReason: null },
      refund: {
        status: 'processing',
        amountFen: 2_500,
        reason: '您在保障开始前申请退保，保费已全额原路退回',
        requestedAt: '2026-11-28T02:00:00.000Z',
        completedAt: null,
      },
    });

    it('cancels after a confirmation that states the refund, then shows the refund under way', async () => {
      const api = stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
        [CANCEL_ROUTE]: () => ok(cancelledPolicy),
      });
      setRouterParams({ policyNo: POLICY_NO });

      const { container } = render(<PolicyDetailPage />);
      expect(await screen.findByText('2026年12月1日 08:00前可退保，保费¥25.00全额退回')).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: '退保' }));

      expect(await screen.findByText('退款处理中')).toBeInTheDocument();
      expect(modals).toEqual([
        { title: '确认退保', content: '退保后保障立即终止，保费¥25.00将全额原路退回您的微信支付账户。' },
      ]);
      expect(api.callsTo(CANCEL_ROUTE)).toHaveLength(1);
      expect(screen.getByText('已退保')).toBeInTheDocument();
      expect(container.querySelector('.policy-refund')).toHaveTextContent('¥25.00');
      expect(screen.queryByRole('button', { name: '退保' })).toBeNull();
      expect(toasts).toEqual([{ title: '已退保，退款处理中', icon: 'none' }]);
    });

    it('changes nothing when the customer thinks again', async () => {
      const api = stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
        [CANCEL_ROUTE]: () => ok(cancelledPolicy),
      });
      modalAnswers.push(false);
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);
      fireEvent.click(await screen.findByRole('button', { name: '退保' }));

      await waitFor(() => expect(modals).toHaveLength(1));
      expect(api.callsTo(CANCEL_ROUTE)).toHaveLength(0);
      expect(screen.getByText('保障中')).toBeInTheDocument();
    });

    it('says why it can no longer be cancelled once cover has started, with no button', async () => {
      const reason = '航班已到计划起飞时间或已起飞，保障已开始，不能退保';
      stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () =>
          ok(
            aPolicyDetail({
              cancellation: { available: false, deadline: null, refundFen: 2_500, unavailableReason: reason },
            }),
          ),
      });
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);

      expect(await screen.findByText(reason)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '退保' })).toBeNull();
    });

    it("shows the server's refusal when cover started meanwhile", async () => {
      stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
        [CANCEL_ROUTE]: () =>
          fail(409, 'POLICY_CANCEL_AFTER_DEPARTURE', '航班已到计划起飞时间或已起飞，保障已开始，不能退保'),
      });
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);
      fireEvent.click(await screen.findByRole('button', { name: '退保' }));

      await waitFor(() =>
        expect(toasts).toEqual([{ title: '航班已到计划起飞时间或已起飞，保障已开始，不能退保', icon: 'none' }]),
      );
      expect(screen.getByText('保障中')).toBeInTheDocument();
    });

    it('shows a settled refund with when it went back', async () => {
      stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () =>
          ok({
            ...cancelledPolicy,
            refund: { ...cancelledPolicy.refund!, status: 'succeeded', completedAt: '2026-11-28T02:00:05.000Z' },
          }),
      });
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);

      expect(await screen.findByText('已退款')).toBeInTheDocument();
      expect(screen.getByText('2026年11月28日 10:00 已原路退回微信支付')).toBeInTheDocument();
    });
  });

  describe('查看电子保单', () => {
    const urlApi = URL as unknown as { createObjectURL?: unknown; revokeObjectURL?: unknown };

    afterEach(() => {
      delete urlApi.createObjectURL;
      delete urlApi.revokeObjectURL;
      jest.restoreAllMocks();
    });

    it('offers the e-policy with a note on its legal standing, and opens the PDF while showing progress', async () => {
      const api = stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
        [DOCUMENT_ROUTE]: () => ({ status: 200, body: new Blob(['%PDF-1.7'], { type: 'application/pdf' }) }),
      });
      urlApi.createObjectURL = () => 'blob:http://app.test/policy-1';
      urlApi.revokeObjectURL = () => undefined;
      const windowOpen = jest.spyOn(window, 'open').mockImplementation(() => ({}) as Window);
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);

      fireEvent.click(await screen.findByRole('button', { name: '查看电子保单' }));
      expect(screen.getByText('电子保单与纸质保单具有同等法律效力，可扫码验真')).toBeInTheDocument();

      await waitFor(() => expect(windowOpen).toHaveBeenCalledWith('blob:http://app.test/policy-1#view=FitH', '_blank'));
      expect(api.callsTo(DOCUMENT_ROUTE).map((call) => call.headers.Authorization)).toEqual(['Bearer token-1']);
      expect(loadingCalls).toEqual([{ kind: 'show', title: '正在生成电子保单…' }, { kind: 'hide' }]);
      expect(toasts).toEqual([]);
    });

    it("shows the server's message in a toast when the e-policy cannot be fetched", async () => {
      const api = stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
        [DOCUMENT_ROUTE]: () => fail(404, 'POLICY_NOT_FOUND', '没有查到该保单，请核对保单号和被保险人姓名'),
      });
      const windowOpen = jest.spyOn(window, 'open');
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);
      fireEvent.click(await screen.findByRole('button', { name: '查看电子保单' }));

      await waitFor(() =>
        expect(toasts).toEqual([{ title: '没有查到该保单，请核对保单号和被保险人姓名', icon: 'none' }]),
      );
      expect(api.callsTo(DOCUMENT_ROUTE)).toHaveLength(1);
      expect(loadingCalls).toEqual([{ kind: 'show', title: '正在生成电子保单…' }, { kind: 'hide' }]);
      expect(windowOpen).not.toHaveBeenCalled();
    });

    it('falls back to a generic message when the PDF came back but cannot be shown', async () => {
      stubApi({
        ...sessionRoutes(),
        [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
        [DOCUMENT_ROUTE]: () => ({ status: 200, body: new Blob(['%PDF-1.7'], { type: 'application/pdf' }) }),
      });
      // No URL.createObjectURL (as in jsdom, or a browser that refuses blob: URLs).
      setRouterParams({ policyNo: POLICY_NO });

      render(<PolicyDetailPage />);
      fireEvent.click(await screen.findByRole('button', { name: '查看电子保单' }));

      await waitFor(() => expect(toasts).toEqual([{ title: '电子保单暂时打不开，请稍后重试', icon: 'none' }]));
    });
  });

  it('shares 为同行人也买一份: the same product with the sharer’s invite code, never the policy itself', async () => {
    const { share, storage } = await import('../../../../test/shims/taro');
    storage.set('xiaoan.session', { token: 'tok', expiresAt: '2099-01-01T00:00:00+08:00' });
    stubApi({
      ...sessionRoutes(),
      [`GET /api/v1/policies/${POLICY_NO}`]: () => ok(aPolicyDetail()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCDEFGH', sharePath: '/pages/home/index?ic=ABCDEFGH' }),
    });
    setRouterParams({ policyNo: POLICY_NO });
    render(<PolicyDetailPage />);
    await screen.findByText('保障中');
    await waitFor(() => expect(share.handler?.().path).toMatch(/ic=ABCDEFGH$/));
    const card = share.handler!();
    expect(card.title).toMatch(/^为同行人也买一份：/);
    expect(card.path).toBe(`/packages/buy/product/index?code=${aPolicyDetail().productCode}&ic=ABCDEFGH`);
    expect(card.path).not.toContain(POLICY_NO);
  });
});
