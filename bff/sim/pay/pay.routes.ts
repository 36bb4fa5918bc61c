import type { FastifyInstance } from 'fastify';
import { registerV3Route, type QpsLimiter } from '../http/v3-route.js';
import type { SimContext } from '../sim-context.js';
import type { PayBook } from './pay-book.js';

/** JSAPI order, query (both ways), close, refund and refund query. */
export function registerPayRoutes(app: FastifyInstance, ctx: SimContext, book: PayBook, limiter: QpsLimiter): void {
  registerV3Route(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v3/pay/transactions/jsapi',
      endpoint: 'pay.jsapi',
      handler: (req) => ({ status: 200, body: book.placeJsapiOrder(req.body) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v3/pay/transactions/out-trade-no/:outTradeNo',
      endpoint: 'pay.query',
      handler: (req) => ({ status: 200, body: book.queryByOutTradeNo(req.params.outTradeNo!, req.query.mchid) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v3/pay/transactions/id/:transactionId',
      endpoint: 'pay.query',
      handler: (req) => ({ status: 200, body: book.queryByTransactionId(req.params.transactionId!, req.query.mchid) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v3/pay/transactions/out-trade-no/:outTradeNo/close',
      endpoint: 'pay.close',
      handler: (req) => {
        book.close(req.params.outTradeNo!, req.body);
        return { status: 204 };
      },
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v3/refund/domestic/refunds',
      endpoint: 'refund.create',
      handler: (req) => ({ status: 200, body: book.refund(req.body) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v3/refund/domestic/refunds/:outRefundNo',
      endpoint: 'refund.query',
      handler: (req) => ({ status: 200, body: book.queryRefund(req.params.outRefundNo!) }),
    },
    limiter,
  );
}
