import type { OrderStatus } from '@xiaoan/shared';

export const ORDER_STATUS_META: Record<OrderStatus, { label: string; tone: 'pending' | 'done' | 'muted' | 'refund' }> =
  {
    pending_payment: { label: '待支付', tone: 'pending' },
    paid: { label: '出单中', tone: 'pending' },
    issued: { label: '已出单', tone: 'done' },
    refunding: { label: '退款中', tone: 'refund' },
    refunded: { label: '已退款', tone: 'refund' },
    payment_mismatch: { label: '支付异常 · 原路退回', tone: 'refund' },
    closed: { label: '已关闭', tone: 'muted' },
  };
