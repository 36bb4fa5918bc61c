import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import type { OrderSummary } from '@xiaoan/shared';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { routeCalls } from '../../../../test/shims/taro';
import OrdersPage from './index';

const anOrderSummary = (overrides: Partial<OrderSummary> = {}): OrderSummary => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  orderNo: 'O2612040000000011',
  status: 'pending_payment',
  amountFen: 2_500,
  productCode: 'FD120',
  productName: '航班延误险',
  subject: 'MU5101 · 12月9日',
  insuredNameMasked: '张*丰',
  createdAt: '2026-12-04T02:00:00.000Z',
  expiresAt: '2026-12-04T02:30:00.000Z',
  policyNo: null,
  payable: true,
  statusReason: null,
  ...overrides,
});

describe('我的订单', () => {
  it('lists unpaid, issued, refunded and closed orders with the reason, and resumes payment of the same order', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/orders': () =>
        ok({
          items: [
            anOrderSummary(),
            anOrderSummary({
              id: '00000000-0000-4000-8000-0000000000c2',
              orderNo: 'O2',
              status: 'issued',
              payable: false,
              policyNo: 'P2612040000000019',
            }),
            anOrderSummary({
              id: '00000000-0000-4000-8000-0000000000c3',
              orderNo: 'O3',
              status: 'refunded',
              payable: false,
              statusReason: '您在保障开始前申请退保，保费已全额原路退回',
            }),
            anOrderSummary({
              id: '00000000-0000-4000-8000-0000000000c4',
              orderNo: 'O4',
              status: 'closed',
              payable: false,
              statusReason: '超时未支付，订单已关闭，未扣款',
            }),
          ],
        }),
    });

    const { container } = render(<OrdersPage />);

    expect(await screen.findByText('待支付')).toBeInTheDocument();
    expect(screen.getByText('已出单')).toBeInTheDocument();
    expect(screen.getByText('已退款')).toBeInTheDocument();
    expect(screen.getByText('您在保障开始前申请退保，保费已全额原路退回')).toBeInTheDocument();
    expect(screen.getByText('超时未支付，订单已关闭，未扣款')).toBeInTheDocument();
    expect(screen.getAllByText('MU5101 · 12月9日')).toHaveLength(4);
    // Plain words: the product by its name, never its code, a version or a payment reference.
    expect(container.textContent).not.toMatch(/FD120|第 ?\d+ ?版|\bv\d+\b|SIM-/);
    // Only the payable order offers 继续支付, and it goes to the pay page of that same order.
    expect(screen.getAllByRole('button', { name: '继续支付' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '继续支付' }));
    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: '/packages/buy/pay/index?orderId=00000000-0000-4000-8000-0000000000c1' },
    ]);

    fireEvent.click(container.querySelector('.order-card[data-order-no="O2"]')!);
    expect(routeCalls[1]).toEqual({
      kind: 'navigateTo',
      url: '/packages/policy/detail/index?policyNo=P2612040000000019',
    });
  });

  it('shows an order past its payment window as timed out, without 继续支付', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/orders': () =>
        ok({ items: [anOrderSummary({ payable: false, statusReason: '已超过支付时间，未扣款' })] }),
    });

    render(<OrdersPage />);

    expect(await screen.findByText('已超时')).toBeInTheDocument();
    expect(screen.getByText('已超过支付时间，未扣款')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '继续支付' })).toBeNull();
  });

  it('says so when there are no orders yet', async () => {
    stubApi({ ...sessionRoutes(), 'GET /api/v1/orders': () => ok({ items: [] }) });
    render(<OrdersPage />);
    expect(await screen.findByText('还没有订单')).toBeInTheDocument();
  });

  it("shows the server's message when the list cannot be loaded", async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/orders': () => fail(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'),
    });
    render(<OrdersPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
  });
});
