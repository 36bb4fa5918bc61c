import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { V3Error } from '../http/v3-error.js';
import { WxApiError } from '../mini-program/mini-program-book.js';
import type { RunningSimulator } from '../simulator.js';
import {
  SIM_ENDPOINTS,
  type EndpointFault,
  type NotificationFault,
  type SimEndpoint,
} from '../state/fault-switches.js';
import type { LedgerKind } from '../state/ledger.js';

// Simulator dev routes accept any JSON shape and check fields one by one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

/**
 * `/__sim/*`: what the user's phone would do (log in, pay, confirm a transfer, write to
 * customer service) plus test controls (faults, clock, signing mode, ledger).
 * Browsers call these from the H5 dev build, hence the permissive CORS.
 */
export function registerDevRoutes(app: FastifyInstance, sim: RunningSimulator): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/__sim')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-allow-methods', 'GET,POST,DELETE,OPTIONS');
  });
  app.options('/__sim/*', async (_request, reply) => reply.code(204).send());

  const post = (url: string, run: (body: Body) => unknown) =>
    app.post(url, (request: FastifyRequest, reply: FastifyReply) => answer(reply, () => run(parse(request))));

  app.get('/__sim/health', async () => ({ ok: true }));
  app.get('/__sim/dev-config', async () => sim.merchantConfig());
  app.get('/__sim/ledger', async (request) => {
    const kind = (request.query as { kind?: LedgerKind }).kind;
    return { entries: kind ? sim.ledger.of(kind) : sim.ledger.all() };
  });

  post('/__sim/login', (b) => sim.mintLoginCode({ openid: b.openid, unionid: b.unionid }));
  post('/__sim/users', (b) => sim.upsertUser(b));
  post('/__sim/phone-codes', (b) => sim.mintPhoneCode(String(b.phoneNumber)));
  post('/__sim/subscriptions', (b) => {
    sim.acceptSubscription(String(b.openid), b.templateIds as string[]);
    return { ok: true };
  });
  post('/__sim/cs-messages', (b) =>
    sim.sendCustomerServiceMessage({
      openid: String(b.openid),
      content: b.content,
      msgType: b.msgType,
      mediaId: b.mediaId,
      card: b.card,
      pushUrl: b.pushUrl,
      deliveries: b.deliveries === undefined ? undefined : Number(b.deliveries),
    }),
  );
  post('/__sim/cs-sessions', (b) =>
    sim.enterCustomerServiceSession({
      openid: String(b.openid),
      sessionFrom: b.sessionFrom === undefined ? undefined : String(b.sessionFrom),
      pushUrl: b.pushUrl,
    }),
  );
  post('/__sim/cs-push/mode', (b) => {
    sim.setCustomerServicePushMode(b.mode);
    return { mode: b.mode };
  });
  post('/__sim/cs-push/verify-url', (b) =>
    sim.verifyCustomerServicePushUrl(b.url === undefined ? undefined : String(b.url)),
  );
  post('/__sim/pay', (b) =>
    sim.pay(String(b.prepayId ?? String(b.package ?? '').replace(/^prepay_id=/, '')), b.openid, b.anomaly),
  );
  post('/__sim/transfers/confirm', (b) =>
    sim.confirmTransfer({
      package: String(b.package),
      openid: String(b.openid),
      appid: String(b.appid ?? sim.keys.appid),
      outcome: b.outcome,
      failReason: b.failReason,
    }),
  );
  post('/__sim/faults', (b) => {
    if (b.notification) sim.faults.setNotificationFault(b.notification as NotificationFault, { times: b.times });
    else {
      if (!SIM_ENDPOINTS.includes(b.endpoint))
        throw new V3Error('PARAM_ERROR', `endpoint must be one of ${SIM_ENDPOINTS.join(', ')}`);
      sim.faults.set(b.endpoint as SimEndpoint, b.fault as EndpointFault, { times: b.times });
    }
    return sim.faults.describe();
  });
  app.get('/__sim/faults', async () => sim.faults.describe());
  app.delete('/__sim/faults', async () => {
    sim.faults.clear();
    return sim.faults.describe();
  });
  post('/__sim/signing-mode', (b) => {
    sim.setSigningMode(b.mode);
    return { mode: b.mode };
  });
  post('/__sim/clock/advance', (b) => {
    sim.advanceTime(Number(b.seconds));
    return { now: sim.clock.now() };
  });
  post('/__sim/refunds/next-outcome', (b) => {
    sim.setNextRefundOutcome(b.status);
    return { ok: true };
  });
  post('/__sim/operating-account', (b) => {
    sim.setOperatingBalance(Number(b.balance));
    return { balance: Number(b.balance) };
  });
  post('/__sim/transfer-confirmation-mode', (b) => {
    sim.setTransferConfirmationMode(b.mode);
    return { mode: b.mode };
  });
  post('/__sim/notifications/signtest', async (b) => ({ status: await sim.sendSignTestProbe(String(b.url)) }));
}

function parse(request: FastifyRequest): Body {
  if (request.body && typeof request.body === 'object') return request.body as Body;
  if (typeof request.body !== 'string' || !request.body.trim()) return {};
  return JSON.parse(request.body) as Body;
}

async function answer(reply: FastifyReply, run: () => unknown): Promise<FastifyReply> {
  try {
    return reply.send(await run());
  } catch (error) {
    if (error instanceof V3Error) return reply.code(error.status).send(error.toBody());
    if (error instanceof WxApiError) return reply.code(400).send({ errcode: error.errcode, errmsg: error.errmsg });
    return reply
      .code(400)
      .send({ code: 'PARAM_ERROR', message: error instanceof Error ? error.message : String(error) });
  }
}
