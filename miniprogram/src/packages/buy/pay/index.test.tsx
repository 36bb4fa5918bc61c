import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { theCatalogue } from '../../../../test/support/product.builder';
import { anOrder } from '../../../../test/support/purchase.builder';
import { routeCalls, setRouterParams, storage } from '../../../../test/shims/taro';
import { salesTrail } from '../../../services/trail';
import PayPage from './index';

const ORDER_ID = anOrder().id;
const trailRoute = `POST /api/v1/orders/${ORDER_ID}/trail`;

const openPayPage = () => {
  salesTrail.attachOrder(ORDER_ID);
  setRouterParams({ orderId: ORDER_ID });
  return render(<PayPage />);
};

describe('pay step (H5)', () => {
  it('pays through the simulator, records the payment in the trail, then waits for the result', async () => {
    const api = stubApi({
      ...sessionRoutes(true),
      [`GET /api/v1/orders/${ORDER_ID}`]: () => ok(anOrder()),
      'POST /api/dev/sim/pay': () => ok({ ok: true }),
      [trailRoute]: () => ok({}),
    });
    openPayPage();

    const button = await screen.findByRole('button', { name: '微信支付 ¥25.00' });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);

    await waitFor(() =>
      expect(routeCalls).toEqual([{ kind: 'redirectTo', url: `/packages/buy/result/index?orderId=${ORDER_ID}` }]),
    );
    expect(api.callsTo('POST /api/dev/sim/pay')[0]?.body).toEqual({ prepayId: 'wx201410272009395522657a690389285100' });
    await waitFor(() => expect(api.callsTo(trailRoute)).toHaveLength(1));
    const events = (api.callsTo(trailRoute)[0]?.body as { events: { type: string; detail?: string }[] }).events;
    expect(events.map((event) => [event.type, event.detail])).toEqual([
      ['payment_started', 'simulator'],
      ['payment_result', 'submitted'],
    ]);
  });

  it('refuses to pay without the simulator and says to open WeChat, calling no pay endpoint', async () => {
    const api = stubApi({
      ...sessionRoutes(false),
      [`GET /api/v1/orders/${ORDER_ID}`]: () => ok(anOrder()),
      'POST /api/dev/sim/pay': () => ok({ ok: true }),
    });
    // Without the simulator H5 cannot log in at all; a stored session lets the page get this far.
    storage.set('xiaoan.session', { token: 'token-1', expiresAt: '2099-01-01T00:00:00Z' });
    openPayPage();

    expect(await screen.findByText(/当前页面无法使用微信支付/)).toBeInTheDocument();
    const button = screen.getByRole('button', { name: '微信支付 ¥25.00' });
    expect(button).toBeDisabled();
    fireEvent.click(button);
    expect(api.callsTo('POST /api/dev/sim/pay')).toHaveLength(0);
    expect(routeCalls).toEqual([]);
  });

  it('resumes an order that never got its prepay by asking for one on the same order (继续支付)', async () => {
    const api = stubApi({
      ...sessionRoutes(true),
      [`GET /api/v1/orders/${ORDER_ID}`]: () => ok(anOrder({ payment: null })),
      [`POST /api/v1/orders/${ORDER_ID}/payment`]: () => ok(anOrder()),
      'POST /api/dev/sim/pay': () => ok({ ok: true }),
      [trailRoute]: () => ok({}),
    });
    openPayPage();

    const button = await screen.findByRole('button', { name: '微信支付 ¥25.00' });
    await waitFor(() => expect(button).toBeEnabled());
    expect(api.callsTo(`POST /api/v1/orders/${ORDER_ID}/payment`)).toHaveLength(1);
    expect(api.calls.filter((call) => call.method === 'POST' && call.path === '/api/v1/orders')).toHaveLength(0);
  });

  it('goes straight to the result when the order is already paid', async () => {
    stubApi({
      ...sessionRoutes(true),
      [`GET /api/v1/orders/${ORDER_ID}`]: () => ok(anOrder({ status: 'paid', payment: null })),
    });
    openPayPage();

    await waitFor(() =>
      expect(routeCalls).toEqual([{ kind: 'redirectTo', url: `/packages/buy/result/index?orderId=${ORDER_ID}` }]),
    );
  });

  it('names the steps of a HEAT37 order opened from 我的订单 after the catalogue says what HEAT37 is', async () => {
    stubApi({
      ...sessionRoutes(true),
      [`GET /api/v1/orders/${ORDER_ID}`]: () => ok(anOrder({ productCode: 'HEAT37' })),
      'GET /api/v1/products': () => ok({ items: theCatalogue() }),
    });
    const { container } = openPayPage();

    await waitFor(() => expect(container.querySelector('.purchase-steps')).toHaveTextContent('选择城市'));
    expect(container.querySelector('.purchase-steps')).not.toHaveTextContent('选择航班');
  });
});
