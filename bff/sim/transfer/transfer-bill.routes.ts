import type { FastifyInstance } from 'fastify';
import { registerV3Route, type QpsLimiter } from '../http/v3-route.js';
import type { SimContext } from '../sim-context.js';
import type { TransferBillBook } from './transfer-bill-book.js';

const BASE = '/v3/fund-app/mch-transfer/transfer-bills';

/** Create and query (100 QPS per merchant, shared), and cancel. */
export function registerTransferBillRoutes(
  app: FastifyInstance,
  ctx: SimContext,
  book: TransferBillBook,
  limiter: QpsLimiter,
): void {
  registerV3Route(
    app,
    ctx,
    {
      method: 'POST',
      url: BASE,
      endpoint: 'transfer.create',
      rateLimited: true,
      handler: (req) => ({ status: 200, body: book.create(req.body, req.headers) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'GET',
      url: `${BASE}/out-bill-no/:outBillNo`,
      endpoint: 'transfer.query',
      rateLimited: true,
      handler: (req) => ({ status: 200, body: book.query('out_bill_no', req.params.outBillNo!) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'GET',
      url: `${BASE}/transfer-bill-no/:transferBillNo`,
      endpoint: 'transfer.query',
      rateLimited: true,
      handler: (req) => ({ status: 200, body: book.query('transfer_bill_no', req.params.transferBillNo!) }),
    },
    limiter,
  );
  registerV3Route(
    app,
    ctx,
    {
      method: 'POST',
      url: `${BASE}/out-bill-no/:outBillNo/cancel`,
      endpoint: 'transfer.cancel',
      handler: (req) => ({ status: 200, body: book.cancel(req.params.outBillNo!) }),
    },
    limiter,
  );
}
