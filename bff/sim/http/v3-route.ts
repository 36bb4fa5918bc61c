import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyMerchantAuthorization } from '../crypto/merchant-authorization.js';
import type { SimContext } from '../sim-context.js';
import type { EndpointFault, SimEndpoint } from '../state/fault-switches.js';
import { V3Error } from './v3-error.js';

export interface V3Request {
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body ({} when empty). */
  body: Record<string, unknown>;
  headers: FastifyRequest['headers'];
  mchid: string;
}

export interface V3Reply {
  status: number;
  body?: unknown;
}

export interface V3RouteSpec {
  method: 'GET' | 'POST';
  url: string;
  endpoint: SimEndpoint;
  /** Counts against the 100-QPS-per-merchant transfer limit. */
  rateLimited?: boolean;
  handler: (req: V3Request) => V3Reply | Promise<V3Reply>;
}

/**
 * One WeChat Pay v3 endpoint: verify the merchant's Authorization over the raw request,
 * apply an armed fault, run the handler, and sign whatever goes back (errors included).
 */
export function registerV3Route(app: FastifyInstance, ctx: SimContext, spec: V3RouteSpec, limiter: QpsLimiter): void {
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const auth = verifyMerchantAuthorization({
        method: request.method,
        pathWithQuery: request.url,
        rawBody,
        header: request.headers.authorization,
        expectedMchid: ctx.keys.mchid,
        merchantSerial: ctx.keys.merchant.serial,
        merchantPublicKey: ctx.merchantPublicKey,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      if (!auth.ok) return send(ctx, reply, errorReply(new V3Error('SIGN_ERROR', `签名错误: ${auth.reason}`)));

      const fault = ctx.faults.take(spec.endpoint);
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      const faultError = errorForFault(fault);
      if (faultError) return send(ctx, reply, errorReply(faultError));
      if (spec.rateLimited && !limiter.tryAcquire()) {
        return send(ctx, reply, errorReply(new V3Error('FREQUENCY_LIMITED', '频率超限，请降低请求频率')));
      }

      let body: Record<string, unknown> = {};
      if (rawBody.trim()) {
        try {
          body = JSON.parse(rawBody) as Record<string, unknown>;
        } catch {
          return send(ctx, reply, errorReply(new V3Error('PARAM_ERROR', '请求体不是合法的JSON')));
        }
      }
      try {
        const result = await spec.handler({
          params: request.params as Record<string, string>,
          query: request.query as Record<string, string>,
          body,
          headers: request.headers,
          mchid: auth.mchid,
        });
        if (fault?.kind === 'answer_lost') {
          const lost =
            fault.code === 'PARAM_ERROR'
              ? new V3Error('PARAM_ERROR', '参数错误 (simulated fault, request took effect)')
              : new V3Error('SYSTEM_ERROR', '系统错误 (simulated fault, request took effect)');
          return send(ctx, reply, errorReply(lost));
        }
        return send(ctx, reply, result, fault?.kind === 'bad_response_signature');
      } catch (error) {
        if (error instanceof V3Error) return send(ctx, reply, errorReply(error));
        throw error;
      }
    },
  });
}

function errorForFault(fault: EndpointFault | undefined): V3Error | undefined {
  switch (fault?.kind) {
    case 'rate_limited':
      return new V3Error('FREQUENCY_LIMITED', '频率超限 (simulated fault)');
    case 'system_error':
      return new V3Error('SYSTEM_ERROR', '系统错误 (simulated fault)');
    case 'bank_error':
      return new V3Error('BANK_ERROR', '银行系统异常 (simulated fault)');
    case 'not_enough':
      return new V3Error('NOT_ENOUGH', '资金不足 (simulated fault)');
    case 'param_error':
      return new V3Error('PARAM_ERROR', '参数错误 (simulated fault)');
    default:
      return undefined;
  }
}

function errorReply(error: V3Error): V3Reply {
  return { status: error.status, body: error.toBody() };
}

/** Every answer is signed: `TIMESTAMP\nNONCE\nBODY\n` over the exact bytes we send. */
function send(ctx: SimContext, reply: FastifyReply, result: V3Reply, forge = false): FastifyReply {
  const text = result.body === undefined ? '' : JSON.stringify(result.body);
  const headers = ctx.signer.sign(text, { forge });
  reply.code(result.status).headers({ ...headers });
  if (text) reply.header('content-type', 'application/json; charset=utf-8');
  return reply.send(text);
}

/** A sliding one-second window shared by transfer create and query (100 QPS per merchant). */
export class QpsLimiter {
  private readonly hits: number[] = [];

  constructor(
    private readonly limit: () => number,
    private readonly clock: () => number = Date.now,
  ) {}

  tryAcquire(): boolean {
    const now = this.clock();
    while (this.hits.length && this.hits[0]! <= now - 1000) this.hits.shift();
    if (this.hits.length >= this.limit()) return false;
    this.hits.push(now);
    return true;
  }
}
