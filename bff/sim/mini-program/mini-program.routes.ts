import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { SimContext } from '../sim-context.js';
import type { SimEndpoint } from '../state/fault-switches.js';
import { WxApiError, type MiniProgramBook } from './mini-program-book.js';

type Query = Record<string, string | undefined>;

/** api.weixin.qq.com: login, access token, messages, risk rank, phone number, unlimited mini-program codes. */
export function registerMiniProgramRoutes(app: FastifyInstance, ctx: SimContext, book: MiniProgramBook): void {
  const route = (
    method: 'GET' | 'POST',
    url: string,
    endpoint: SimEndpoint,
    needsToken: boolean,
    handler: (query: Query, body: Record<string, unknown>) => Record<string, unknown>,
  ) => {
    app.route({
      method,
      url,
      handler: async (request: FastifyRequest) => {
        const query = request.query as Query;
        try {
          const fault = ctx.faults.take(endpoint);
          if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
          if (fault?.kind === 'rate_limited')
            throw endpoint === 'wx.jscode2session'
              ? new WxApiError(45011, 'api minute-quota reach limit (simulated fault)')
              : new WxApiError(45009, 'reach max api daily quota limit (simulated fault)');
          if (fault && fault.kind !== 'slow' && fault.kind !== 'bad_response_signature')
            throw new WxApiError(-1, 'system error (simulated fault)');
          if (needsToken) book.checkAccessToken(query.access_token);
          let body: Record<string, unknown> =
            request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
          if (typeof request.body === 'string' && request.body.trim()) {
            try {
              body = JSON.parse(request.body) as Record<string, unknown>;
            } catch {
              throw new WxApiError(47001, 'data format error');
            }
          }
          const result = handler(query, body);
          // Only some endpoints put errcode 0 in a success answer; those that do are listed here.
          return endpoint === 'wx.jscode2session' || endpoint === 'wx.token'
            ? result
            : { errcode: 0, errmsg: 'ok', ...result };
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

  registerUnlimitedCodeRoute(app, ctx, book);
}

/** What WeChat allows in a code's `scene`: at most 32 visible characters of this set. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;
/** A page path as getwxacodeunlimit wants it: no leading slash, no query. */
const PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/**
 * `POST /wxa/getwxacodeunlimit`: success is the image itself (not JSON); errors are JSON with an
 * errcode (40169 bad scene, 41030 bad page). The simulator draws a QR code of `page?scene=…` so a
 * test (or a developer's phone) can read back what the poster carries.
 */
function registerUnlimitedCodeRoute(app: FastifyInstance, ctx: SimContext, book: MiniProgramBook): void {
  app.post('/wxa/getwxacodeunlimit', async (request, reply) => {
    const query = request.query as Query;
    try {
      const fault = ctx.faults.take('wx.wxacode_unlimit');
      if (fault?.kind === 'rate_limited')
        throw new WxApiError(45009, 'reach max api daily quota limit (simulated fault)');
      if (fault && fault.kind !== 'slow' && fault.kind !== 'bad_response_signature')
        throw new WxApiError(-1, 'system error (simulated fault)');
      book.checkAccessToken(query.access_token);
      const body = (
        typeof request.body === 'string' ? (JSON.parse(request.body || '{}') as unknown) : (request.body ?? {})
      ) as Record<string, unknown>;
      const scene = body.scene;
      if (typeof scene !== 'string' || !SCENE.test(scene))
        throw new WxApiError(40169, 'invalid length for scene, or the data is not json string');
      const page = body.page === undefined ? 'pages/index/index' : body.page;
      if (typeof page !== 'string' || !PAGE.test(page)) throw new WxApiError(41030, 'invalid page rid');
      const width = body.width === undefined ? 430 : Number(body.width);
      if (!Number.isInteger(width) || width < 280 || width > 1280) throw new WxApiError(40097, 'invalid args: width');
      const png = await QRCode.toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, {
        width,
        errorCorrectionLevel: 'M',
        margin: 1,
      });
      return reply.type('image/png').send(png);
    } catch (error) {
      if (error instanceof WxApiError)
        return reply.type('application/json').send({ errcode: error.errcode, errmsg: error.errmsg });
      if (error instanceof SyntaxError)
        return reply.type('application/json').send({ errcode: 47001, errmsg: 'data format error' });
      throw error;
    }
  });
}
