import { createPrivateKey, X509Certificate } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { WechatPaySigner, type SigningMode } from './crypto/wechatpay-signer.js';
import { merchantDevConfig, type MerchantDevConfig } from './dev/merchant-dev-config.js';
import { registerDevRoutes } from './dev/dev.routes.js';
import { FlightBoard } from './flights/flight-board.js';
import { registerFlightDataRoutes } from './flights/flight-data.routes.js';
import { FlightFeedPusher } from './flights/flight-feed-pusher.js';
import { DEV_FLIGHT_FEED_SECRET } from './flights/flight-feed-signature.js';
import { QpsLimiter } from './http/v3-route.js';
import {
  CustomerServicePusher,
  type CustomerServiceMessageInput,
  type CustomerServicePushMode,
} from './mini-program/customer-service-pusher.js';
import { MiniProgramBook } from './mini-program/mini-program-book.js';
import { registerMiniProgramRoutes } from './mini-program/mini-program.routes.js';
import { NotificationDispatcher } from './notifications/notification-dispatcher.js';
import { registerCertificateRoutes } from './pay/certificates.routes.js';
import { PayBook, type PaymentAnomaly, type RefundStatus } from './pay/pay-book.js';
import { registerPayRoutes } from './pay/pay.routes.js';
import type { SimContext } from './sim-context.js';
import { DEV_SIMULATOR_KEYS, type SimulatorKeys } from './sim-keys.js';
import { FaultSwitches } from './state/fault-switches.js';
import { Ledger } from './state/ledger.js';
import { SimClock } from './state/sim-clock.js';
import { TransferBillBook, type TransferConfirmationMode } from './transfer/transfer-bill-book.js';
import { registerTransferBillRoutes } from './transfer/transfer-bill.routes.js';
import { registerWeatherDataRoutes } from './weather/weather-data.routes.js';
import { DEV_WEATHER_FEED_SECRET, WeatherFeedPusher } from './weather/weather-feed-pusher.js';
import { WeatherProvider } from './weather/weather-provider.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Compresses the notification retry schedule: 3600 turns 1 h into 1 s. Default 1. */
  timeScale?: number;
  signingMode?: SigningMode;
  keys?: SimulatorKeys;
  /** Where user customer-service messages are pushed (the BFF's support webhook). */
  customerServicePushUrl?: string;
  /** Overrides the 消息推送 token used to sign customer-service pushes. */
  token?: string;
  /** 消息推送 in plain (default) or safe (AES) mode; settable later via `setCustomerServicePushMode`. */
  customerServicePushMode?: CustomerServicePushMode;
  requireHttpsNotifyUrl?: boolean;
  /** Transfer create+query limit per merchant; WeChat's is 100. */
  transferQpsLimit?: number;
  /** Operating account balance in fen. Default 100 million yuan. */
  operatingBalanceFen?: number;
  /** How long refunds, transfers and cancellations take to settle. Default 20 ms. */
  settleDelayMs?: number;
  /** How long the merchant has to answer a notification. Default 5000 ms (WeChat's 5 s). */
  notificationAnswerTimeoutMs?: number;
  /** How long a `reorder` fault holds a notification back. Default 150 ms. */
  reorderDelayMs?: number;
  logger?: boolean;
  /** The BFF's flight-status webhook: every flight change is pushed there, signed. Settable later via `flightFeed.url`. */
  flightFeedUrl?: string;
  /** HMAC secret of the flight feed (default: the dev secret offered as FLIGHT_FEED_SECRET). */
  flightFeedSecret?: string;
  /** The BFF's weather webhook: readings set through /__sim/weather and whole days are pushed there, signed. Settable later via `weather.feed.url`. */
  weatherFeedUrl?: string;
  /** HMAC secret of the weather feed (default: the dev secret offered as WEATHER_FEED_SECRET). */
  weatherFeedSecret?: string;
  /** Seed of the simulated climate: the same seed gives the same readings for every station and day. */
  weatherSeed?: number;
  /** Registers further routes on the same server (e.g. the data-feed simulators). */
  routes?: (app: FastifyInstance) => void | Promise<void>;
}

export interface RunningSimulator {
  /** Serves api.weixin.qq.com and api.mch.weixin.qq.com paths alike. */
  readonly origin: string;
  readonly keys: SimulatorKeys;
  readonly ledger: Ledger;
  readonly faults: FaultSwitches;
  readonly clock: SimClock;
  /** The flight-status provider's board: the timetable plus delays, departures and arrivals set by tests. */
  readonly flights: FlightBoard;
  /** Pushes signed flight-status events to `flightFeed.url` whenever the board changes. */
  readonly flightFeed: FlightFeedPusher;
  /** The weather provider: station readings (deterministic climate plus corrections), its pull API's answers and signed feed (`weather.feed`). */
  readonly weather: WeatherProvider;
  merchantConfig(): MerchantDevConfig & { WEATHER_FEED_SECRET: string };
  setSigningMode(mode: SigningMode): void;
  /** Moves the business clock (prepay and transfer expiry, reply windows). */
  advanceTime(seconds: number): void;
  mintLoginCode(input?: { openid?: string; unionid?: string }): { code: string; openid: string };
  upsertUser(input: { openid?: string; unionid?: string; riskRank?: number; highRisk?: boolean }): { openid: string };
  mintPhoneCode(phoneNumber: string): { code: string };
  acceptSubscription(openid: string, templateIds: string[]): void;
  sendCustomerServiceMessage(input: CustomerServiceMessageInput): Promise<{ msgId: string; delivered: boolean }>;
  /** The user taps a contact button (open-type="contact") carrying `sessionFrom`: WeChat pushes user_enter_tempsession. */
  enterCustomerServiceSession(input: {
    openid: string;
    sessionFrom?: string;
    pushUrl?: string;
  }): Promise<{ msgId: string; delivered: boolean }>;
  setCustomerServicePushMode(mode: CustomerServicePushMode): void;
  /** Where users' customer-service messages are pushed (the 消息推送 URL saved in the mini-program's settings). */
  customerServicePushUrl: string | undefined;
  /** WeChat's check of a push URL being saved (GET with echostr). */
  verifyCustomerServicePushUrl(url?: string): Promise<{ passed: boolean; httpStatus?: number }>;
  /**
   * The user pays: wx.requestPayment succeeded on the phone. With `anomaly`, WeChat reports another
   * amount, currency or payer than the order placed (to test how the merchant copes).
   */
  pay(prepayId: string, openid?: string, anomaly?: PaymentAnomaly): Record<string, unknown>;
  /** The user confirms: wx.requestMerchantTransfer succeeded on the phone. */
  confirmTransfer(input: {
    package: string;
    openid: string;
    appid?: string;
    outcome?: 'SUCCESS' | 'FAIL';
    failReason?: string;
  }): Record<string, unknown>;
  sendSignTestProbe(url: string): Promise<number>;
  setNextRefundOutcome(status: RefundStatus): void;
  setOperatingBalance(fen: number): void;
  operatingBalance(): number;
  /** The transfer create/query limit per merchant and second (WeChat's is 100). */
  setTransferQpsLimit(limit: number): void;
  setTransferConfirmationMode(mode: TransferConfirmationMode): void;
  setTransferNotificationMchidField(field: 'mch_id' | 'mchid'): void;
  close(): Promise<void>;
}

/** Starts the WeChat + WeChat Pay simulator on its own HTTP server. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const baseKeys = options.keys ?? DEV_SIMULATOR_KEYS;
  const keys: SimulatorKeys = options.token ? { ...baseKeys, pushToken: options.token } : baseKeys;
  const ledger = new Ledger();
  const flights = new FlightBoard();
  const flightFeedSecret = options.flightFeedSecret ?? DEV_FLIGHT_FEED_SECRET;
  const flightFeed = new FlightFeedPusher(options.flightFeedUrl, flightFeedSecret);
  flights.onChange((flight) => void flightFeed.push(flight));
  const weatherFeedSecret = options.weatherFeedSecret ?? DEV_WEATHER_FEED_SECRET;
  const weather = new WeatherProvider(
    new WeatherFeedPusher(options.weatherFeedUrl, weatherFeedSecret),
    options.weatherSeed,
  );
  const faults = new FaultSwitches();
  const clock = new SimClock();
  const timeScale = options.timeScale ?? 1;
  const signer = new WechatPaySigner(keys, options.signingMode ?? 'platform_certificate');
  const notifier = new NotificationDispatcher({
    signer,
    apiV3Key: keys.apiV3Key,
    ledger,
    faults,
    timeScale,
    answerTimeoutMs: options.notificationAnswerTimeoutMs ?? 5000,
    reorderDelayMs: options.reorderDelayMs ?? 150,
  });
  const ctx: SimContext = {
    keys,
    clock,
    ledger,
    faults,
    signer,
    notifier,
    merchantPublicKey: new X509Certificate(keys.merchant.certPem).publicKey,
    platformPrivateKey: createPrivateKey(keys.platform.privateKeyPem),
    publicKeyPrivateKey: createPrivateKey(keys.wechatPayPublicKey.privateKeyPem),
    settings: {
      timeScale,
      requireHttpsNotifyUrl: options.requireHttpsNotifyUrl ?? false,
      transferQpsLimit: options.transferQpsLimit ?? 100,
      customerServicePushUrl: options.customerServicePushUrl,
      customerServicePushMode: options.customerServicePushMode ?? 'plain',
    },
  };
  const settleDelayMs = options.settleDelayMs ?? 20;
  const payBook = new PayBook(ctx, settleDelayMs);
  const transferBook = new TransferBillBook(ctx, options.operatingBalanceFen ?? 10_000_000_000, settleDelayMs);
  const miniProgram = new MiniProgramBook(ctx);
  const csPusher = new CustomerServicePusher(ctx, miniProgram);
  const limiter = new QpsLimiter(() => ctx.settings.transferQpsLimit);

  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  // WeChat Pay signatures cover the exact bytes, so /v3 bodies stay raw strings (parsed after
  // verification); every other route gets parsed JSON when the body is JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (request.url.startsWith('/v3/') || !text.trim()) return done(null, text);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, text);
    }
  });

  registerPayRoutes(app, ctx, payBook, limiter);
  registerCertificateRoutes(app, ctx, limiter);
  registerTransferBillRoutes(app, ctx, transferBook, limiter);
  registerMiniProgramRoutes(app, ctx, miniProgram);

  let origin = '';
  const sim: RunningSimulator = {
    get origin() {
      return origin;
    },
    keys,
    ledger,
    faults,
    clock,
    flights,
    flightFeed,
    weather,
    merchantConfig: () => ({
      ...merchantDevConfig(origin, keys, flightFeedSecret),
      WEATHER_FEED_SECRET: weatherFeedSecret,
    }),
    setSigningMode: (mode) => signer.setMode(mode),
    advanceTime: (seconds) => {
      clock.advance(seconds * 1000);
      transferBook.expireOverdue();
    },
    mintLoginCode: (input = {}) => miniProgram.mintLoginCode(input),
    upsertUser: (input) => miniProgram.upsertUser(input),
    mintPhoneCode: (phone) => miniProgram.mintPhoneCode(phone),
    acceptSubscription: (openid, ids) => miniProgram.acceptSubscription(openid, ids),
    sendCustomerServiceMessage: (input) => csPusher.push(input),
    enterCustomerServiceSession: (input) => csPusher.push({ ...input, msgType: 'event' }),
    get customerServicePushUrl() {
      return ctx.settings.customerServicePushUrl;
    },
    set customerServicePushUrl(url) {
      ctx.settings.customerServicePushUrl = url;
    },
    setCustomerServicePushMode: (mode) => {
      if (mode !== 'plain' && mode !== 'safe') throw new Error('mode must be plain or safe');
      ctx.settings.customerServicePushMode = mode;
    },
    verifyCustomerServicePushUrl: (url) => {
      const target = url ?? ctx.settings.customerServicePushUrl;
      if (!target) throw new Error('no customer-service push URL configured');
      return csPusher.verifyUrl(target);
    },
    pay: (prepayId, openid, anomaly) => payBook.pay(prepayId, openid, anomaly),
    confirmTransfer: (input) => transferBook.confirm({ ...input, appid: input.appid ?? keys.appid }),
    sendSignTestProbe: (url) => notifier.sendSignTestProbe(url),
    setNextRefundOutcome: (status) => payBook.setNextRefundOutcome(status),
    setOperatingBalance: (fen) => {
      transferBook.operatingBalance = fen;
    },
    operatingBalance: () => transferBook.operatingBalance,
    setTransferQpsLimit: (limit) => {
      ctx.settings.transferQpsLimit = limit;
    },
    setTransferConfirmationMode: (mode) => {
      transferBook.confirmationMode = mode;
    },
    setTransferNotificationMchidField: (field) => {
      transferBook.notificationMchidField = field;
    },
    close: async () => {
      notifier.close();
      csPusher.close();
      weather.feed.close();
      await app.close();
    },
  };
  registerDevRoutes(app, sim);
  // The flight-status provider's pull API is served from the same origin (FLIGHT_DATA_ORIGIN).
  registerFlightDataRoutes(app, flights, flightFeed);
  // So is the weather provider's (WEATHER_DATA_ORIGIN).
  registerWeatherDataRoutes(app, weather);
  await options.routes?.(app);

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  origin = address.replace('://[::1]', '://localhost');
  return sim;
}
