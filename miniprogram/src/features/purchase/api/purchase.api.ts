import {
  flightListResponseSchema,
  orderSchema,
  quoteSchema,
  type CreateOrderRequest,
  type CreateQuoteRequest,
  type FlightOption,
  type Order,
  type Quote,
} from '@xiaoan/shared';
import { request } from '../../../services/http';

/**
 * A day's schedule (the 热门航班 picker), or the one flight searched for (`FLIGHT_NOT_FOUND` if none),
 * each with why it can no longer be bought under the product's sale window (null: it can).
 */
export const fetchFlights = async (date: string, flightNo?: string, productCode?: string): Promise<FlightOption[]> => {
  const query: Record<string, string> = { date };
  if (flightNo) query.flightNo = flightNo;
  if (productCode) query.productCode = productCode;
  const body = await request(flightListResponseSchema, '/api/v1/flights', { data: query });
  return body.items;
};

/** Prices one flight and payout tier; every stop-sale rule answers with its own code. */
export const createQuote = (body: CreateQuoteRequest): Promise<Quote> =>
  request(quoteSchema, '/api/v1/quotes', { method: 'POST', data: { ...body }, auth: true });

/**
 * Places the order and gets the `requestPayment` parameters. `idempotencyKey` is one per submit
 * attempt and is sent again on a retry of the same attempt, so a lost answer never makes two orders.
 */
export const createOrder = (body: CreateOrderRequest, idempotencyKey: string): Promise<Order> =>
  request(orderSchema, '/api/v1/orders', {
    method: 'POST',
    data: { ...body },
    header: { 'Idempotency-Key': idempotencyKey },
    auth: true,
  });

export const fetchOrder = (orderId: string): Promise<Order> =>
  request(orderSchema, `/api/v1/orders/${encodeURIComponent(orderId)}`, { auth: true });
