import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../sim-context.js';
import type { SimEndpoint } from '../state/fault-switches.js';
import { WxApiError, type MiniProgramBook } from './mini-program-book.js';

type Query = Record<string, string | undefined>;

/** api.weixin.qq.com: login, access token, messages, risk rank, phone number. */
export function registerMiniProgramRoutes(app: FastifyInstance, ctx: SimContext, book: MiniProgramBook): void {
  const route = (method: 'GET' | 'POST', url: string, endpoint: SimEndpoint, needsToken: boolean, handler: (query: Query, body: Record<string, unknown>) => Record<string, unknown>) => {
    app.route({
      method,
      url,
      handler: async (request: FastifyRequest) => {
        const query = request.query as Query;
        try {
          const fault = ctx.faults.take(endpoint);
          if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
          if (fault?.kind === 'rate_limited') throw endpoint === 'wx.jscode2session' ? new WxApiError(45011, 'api minute-quota reach limit (simulated fault)') : new WxApiError(45009, 'reach max api daily quota limit (simulated fault)');
          if (fault && fault.kind !== 'slow' && fault.kind !== 'bad_response_signature') throw new WxApiError(-1, 'system error (simulated fault)');
          if (needsToken) book.checkAccessToken(query.access_token);
          let body: Record<string, unknown> = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
          if (typeof request.body === 'string' && request.body.trim()) {
            try {
              body = JSON.parse(request.body) as Record<string, unknown>;
            } catch {
              throw new WxApiError(47001, 'data format error');
            }
          }
          const result = handler(query, body);
          // Only some endpoints put errcode 0 in a success answer; those that do are listed here.
          return endpoint === 'wx.jscode2session' || endpoint === 'wx.token' ? result : { errcode: 0, errmsg: 'ok', ...result };
        } catch (error) {
          if (error instanceof WxApiError) return { errcode: error.errcode, errmsg: error.errmsg };
          throw error;
        }
      },
    });
  };
  route('GET', '/sns/jscode2session', 'wx.jscode2session', false, (q) => book.jscode2session(q));
  route('GET', '/cgi-bin/token', 'wx.token', false, (q) => book.issueAccessToken(q));
  route('POST', '/cgi-bin/message/subscribe/send', 'wx.subscribe_send', true, (_q, b) => book.sendSubscribeMessage(b));
  route('POST', '/cgi-bin/message/custom/send', 'wx.custom_send', true, (_q, b) => book.sendCustomMessage(b));
  route('POST', '/wxa/getuserriskrank', 'wx.risk_rank', true, (_q, b) => book.riskRank(b));
  route('POST', '/wxa/business/getuserphonenumber', 'wx.phone_number', true, (_q, b) => book.phoneNumber(b));
}
