import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import type { Order } from '@xiaoan/shared';
import { ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { theCatalogue } from '../../../../test/support/product.builder';
import { aHeatQuote, anOrder } from '../../../../test/support/purchase.builder';
import { routeCalls, setRouterParams, storage } from '../../../../test/shims/taro';
import { ORDER_POLLING } from '../../../features/purchase/hooks/use-order-polling';
import ResultPage from './index';

const ORDER_ID = anOrder().id;
const orderRoute = `GET /api/v1/orders/${ORDER_ID}`;

/** The BFF's answers to successive polls, the last one repeated. */
const orderSequence = (...orders: Order[]) => {
  let index = 0;
  return () => ok(orders[Math.min(index++, orders.length - 1)]);
};

const saved = { ...ORDER_POLLING };
beforeEach(() => {
  ORDER_POLLING.intervalMs = 5;
  ORDER_POLLING.maxWaitMs = 2_000;
});
afterEach(() => {
  Object.assign(ORDER_POLLING, saved);
});

const openResultPage = () => {
  setRouterParams({ orderId: ORDER_ID });
  return render(<ResultPage />);
};

describe('result page', () => {
  it('shows 出单中 while the payment is confirmed, then the policy number once issued', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      [orderRoute]: orderSequence(
        anOrder(),
        anOrder({ status: 'paid' }),
        anOrder({ status: 'issued', policyNo: 'XAFD120202612010001' }),
      ),
    });

    const { container } = openResultPage();

    expect(screen.getByText('出单中…')).toBeInTheDocument();
    expect(await screen.findByText('投保成功')).toBeInTheDocument();
    expect(container.querySelector('.result--issued .result__policy-no')).toHaveTextContent('XAFD120202612010001');
    expect(api.callsTo(orderRoute)).toHaveLength(3);

    fireEvent.click(screen.getByRole('button', { name: '查看保单' }));
    fireEvent.click(screen.getByRole('button', { name: '我的保单' }));
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: '/packages/policy/detail/index?policyNo=XAFD120202612010001' },
      { kind: 'switchTab', url: '/pages/policies/index' },
    ]);
  });

  it('shows the refund and the reason the customer is given', async () => {
    stubApi({
      ...sessionRoutes(),
      [orderRoute]: orderSequence(
        anOrder({ status: 'paid' }),
        anOrder({ status: 'refunded', refundReason: '航班已起飞，无法承保，保费已全额退回' }),
      ),
    });

    const { container } = openResultPage();

    expect(await screen.findByText('已退款')).toBeInTheDocument();
    expect(container.querySelector('.result--refunded .result__refund-reason')).toHaveTextContent(
      '航班已起飞，无法承保，保费已全额退回',
    );
    expect(screen.getByText('未能为您出单，保费 ¥25.00 将原路全额退回您的微信支付账户')).toBeInTheDocument();
  });

  it('tells the customer a mismatching payment goes back, with the reason, and never says 订单已关闭', async () => {
    stubApi({
      ...sessionRoutes(),
      [orderRoute]: orderSequence(
        anOrder(),
        anOrder({
          status: 'payment_mismatch',
          refundReason: '支付信息与订单不符（金额、币种或付款人不一致），未能出单，实付款项已全额原路退回付款人',
        }),
      ),
    });

    const { container } = openResultPage();

    expect(await screen.findByText('支付异常，款项原路退回')).toBeInTheDocument();
    expect(container.querySelector('.result--mismatch .result__refund-reason')).toHaveTextContent(
      '实付款项已全额原路退回付款人',
    );
    expect(screen.queryByText('订单已关闭')).not.toBeInTheDocument();
    expect(screen.queryByText('出单中…')).not.toBeInTheDocument();
  });

  it('keeps polling through a failed poll and says so honestly when the result takes too long', async () => {
    ORDER_POLLING.maxWaitMs = 50;
    stubApi({ ...sessionRoutes(), [orderRoute]: () => new TypeError('Failed to fetch') });

    openResultPage();

    expect(await screen.findByText('出单结果确认中')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '刷新结果' })).toBeInTheDocument();
  });

  it('asks for the claim reminder on a tap and reports the answer', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      [orderRoute]: () => ok(anOrder({ status: 'issued', policyNo: 'XAFD120202612010001' })),
      'POST /api/dev/sim/subscribe': () => ok({ ok: true }),
      'POST /api/v1/me/subscriptions': () => ({ status: 204 }),
    });
    openResultPage();

    fireEvent.click(await screen.findByRole('button', { name: '开启理赔到账提醒' }));

    expect(await screen.findByText('✓ 已开启')).toBeInTheDocument();
    expect(api.callsTo('POST /api/dev/sim/subscribe')[0]?.body).toEqual({ templateIds: ['tmpl-claim-approved'] });
    expect(api.callsTo('POST /api/v1/me/subscriptions')[0]?.body).toEqual({
      templateId: 'tmpl-claim-approved',
      result: 'accept',
    });
  });

  it('speaks of hot days, not flights, for a HEAT37 order placed from this phone', async () => {
    const order = anOrder({
      productCode: 'HEAT37',
      productName: '37°C高温险',
      status: 'issued',
      policyNo: 'XAHEAT37202611280001',
    });
    storage.set('xiaoan.purchase', {
      quote: aHeatQuote(),
      exclusionsReadVersion: aHeatQuote().productVersionId,
      order: anOrder({ productCode: 'HEAT37' }),
    });
    stubApi({ ...sessionRoutes(), [orderRoute]: () => ok(order) });

    const { container } = openResultPage();

    expect(await screen.findByText('电子保单已生成，等待期后每个达到条件的高温日自动累计补贴')).toBeInTheDocument();
    expect(container.querySelector('.result--issued .result__policy-no')).toHaveTextContent('XAHEAT37202611280001');
    expect(await screen.findByText('高温补贴按日自动累计，开启提醒后可领取时通知您。')).toBeInTheDocument();
  });

  it('speaks of rain for a RAIN order placed on another phone, once the catalogue says what RAIN is', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      [orderRoute]: () =>
        ok(
          anOrder({ productCode: 'RAIN', productName: '景区下雨险', status: 'issued', policyNo: 'XARAIN202612050001' }),
        ),
      'GET /api/v1/products': () => ok({ items: theCatalogue() }),
    });

    openResultPage();

    expect(await screen.findByText('电子保单已生成，游玩当天景区降雨达到条件将自动赔付')).toBeInTheDocument();
    expect(await screen.findByText('下雨赔款自动发放，开启提醒后到账时通知您。')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/products')).toHaveLength(1);
  });

  it('names no kind of cover while nothing can say which one an order is for', async () => {
    stubApi({
      ...sessionRoutes(),
      [orderRoute]: () =>
        ok(
          anOrder({ productCode: 'RAIN', productName: '景区下雨险', status: 'issued', policyNo: 'XARAIN202612050001' }),
        ),
    });

    openResultPage();

    expect(await screen.findByText('电子保单已生成，达到赔付条件将自动赔付')).toBeInTheDocument();
    expect(await screen.findByText('赔款自动发放，开启提醒后到账时通知您。')).toBeInTheDocument();
    expect(screen.queryByText(/航班/)).toBeNull();
  });
});
