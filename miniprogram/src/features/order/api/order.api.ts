import {
  orderListResponseSchema,
  orderSchema,
  resumeOrderPaymentPath,
  type Order,
  type OrderSummary,
} from '@xiaoan/shared';
import { request } from '../../../services/http';

/** 我的订单, newest first: unpaid, issued, refunded and closed ones. */
export const fetchMyOrders = async (): Promise<OrderSummary[]> =>
  (await request(orderListResponseSchema, '/api/v1/orders', { auth: true })).items;

/** 继续支付: the same order's requestPayment parameters (`ORDER_PAYMENT_EXPIRED` past its window). */
export const resumeOrderPayment = (orderId: string): Promise<Order> =>
  request(orderSchema, resumeOrderPaymentPath(orderId), { method: 'POST', data: {}, auth: true });
