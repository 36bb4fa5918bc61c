import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { startSimulator, type RunningSimulator } from '../../sim/index.js';
import { loadConfig, type AppConfig } from '../../src/core/config/app-config.js';
import { integrationsConfigOf, type IntegrationsConfig } from '../../src/core/config/integrations-config.js';
import { FlightDataClient } from '../../src/integrations/flight-data/flight-data.client.js';
import { Clock } from '../../src/core/clock/clock.js';
import { FieldCipher } from '../../src/core/crypto/field-cipher.js';
import { createDataSource } from '../../src/core/database/data-source.factory.js';
import { UnitOfWork } from '../../src/core/database/unit-of-work.js';
import type { JobQueue } from '../../src/core/jobs/job-queue.js';
import {
  createWechatPayAdapters,
  type WechatPayAdapters,
} from '../../src/integrations/wechat-pay/wechat-pay.adapters.js';
import type { WechatPayTransaction } from '../../src/integrations/wechat-pay/wechat-pay.schemas.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ChangeClaimPayoutUseCase } from '../../src/modules/claim/change-claim-payout.use-case.js';
import { ClaimQueries } from '../../src/modules/claim/claim.queries.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { OpenHeatClaimsUseCase } from '../../src/modules/claim/open-heat-claims.use-case.js';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { CreateOrderUseCase } from '../../src/modules/order/create-order.use-case.js';
import { OrderPrepay } from '../../src/modules/order/order-prepay.js';
import { SavedInsureds } from '../../src/modules/order/saved-insureds.repository.js';
import { SettlePaidOrderUseCase } from '../../src/modules/order/settle-paid-order.use-case.js';
import { CreateTransferBillUseCase } from '../../src/modules/payout/create-transfer-bill.use-case.js';
import { PayoutBillRepository } from '../../src/modules/payout/payout-bill.repository.js';
import { SyncPayoutBillUseCase } from '../../src/modules/payout/sync-payout-bill.use-case.js';
import { TransferRateBucket } from '../../src/modules/payout/transfer-rate.bucket.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { IssuePolicyUseCase } from '../../src/modules/policy/issue-policy.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { FlightRepository } from '../../src/modules/flight/flight.repository.js';
import { LookupFlightsUseCase } from '../../src/modules/flight/lookup-flights.use-case.js';
import { FlightStatisticsCache } from '../../src/modules/pricing/flight-statistics.cache.js';
import { FlightOutcomeCountsRepository } from '../../src/modules/pricing/persistence/flight-outcome-counts.repository.js';
import { FlightStatisticsRepository } from '../../src/modules/pricing/persistence/flight-statistics.repository.js';
import { PricingService } from '../../src/modules/pricing/pricing.service.js';
import { ImportWeatherHistoryUseCase } from '../../src/modules/pricing/weather/import-weather-history.use-case.js';
import { WeatherPricingService } from '../../src/modules/pricing/weather/weather-pricing.service.js';
import { PlaceQuoteService } from '../../src/modules/quote/place-quote.service.js';
import { SaleGuardRepository } from '../../src/modules/sale-guard/sale-guard.repository.js';
import { SaleGuardService } from '../../src/modules/sale-guard/sale-guard.service.js';
import { QuoteFlightDelayUseCase } from '../../src/products/flight-delay/quote-flight-delay.use-case.js';
import { checkEvidenceReaders } from '../../src/products/evidence-readers.js';
import { HeatEvidenceReader } from '../../src/products/heat/heat-evidence.reader.js';
import { QuoteHeatUseCase } from '../../src/products/heat/quote-heat.use-case.js';
import { QuoteRainUseCase } from '../../src/products/rain/quote-rain.use-case.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { makeIdNumber } from './customer.js';
import { cloneTemplateDatabase, type IsolatedDatabase } from './isolated-database.js';

/** A job a use case enqueued in its transaction (medium tests run no pg-boss workers). */
export interface EnqueuedJob {
  queue: string;
  data: unknown;
}

export interface Medium {
  database: IsolatedDatabase;
  dataSource: DataSource;
  /** A SQL session for arranging what no use case under test owns, and for checking the state after. */
  db: pg.Client;
  unitOfWork: UnitOfWork;
  /** The job queue use cases are given: it records into `jobs`. */
  queue: JobQueue;
  /** Jobs enqueued by transactions that committed, in order. */
  jobs: EnqueuedJob[];
  clock: Clock;
  config: AppConfig;
  /** The merchant and WeChat Pay as the app is configured with the simulator on. */
  integrations: IntegrationsConfig;
  /** The production WeChat Pay adapters, talking to `sim` over real HTTP. */
  adapters: WechatPayAdapters;
  sim: RunningSimulator;
  close(): Promise<void>;
}

export interface MediumOptions {
  /** A simulator the suite started itself (else one is started and closed with the medium). */
  sim?: RunningSimulator;
  /** Where WeChat Pay's notifications go (the suite's own receiver), if anywhere. */
  publicBaseUrl?: string;
}

/**
 * A medium test's world: a database cloned from the run's migrated template, the app's own
 * DataSource and UnitOfWork on it, the WeChat simulator with the production WeChat Pay adapters
 * (as `npm start` wires them with SIM on), and a job queue that records what a committed
 * transaction enqueued instead of running it (the job's work is another use case's test). Use
 * cases are then built with `new`, from only what they need.
 */
export const openMedium = async (options: MediumOptions = {}): Promise<Medium> => {
  const sim = options.sim ?? (await startSimulator({ port: 0 }));
  const config = loadConfig({
    NODE_ENV: 'test',
    SIM: '1',
    LOG_LEVEL: 'silent',
    ...(sim.merchantConfig() as unknown as Record<string, string>),
    FLIGHT_DATA_ORIGIN: sim.origin,
    WEATHER_DATA_ORIGIN: sim.origin,
    ...(options.publicBaseUrl ? { PUBLIC_BASE_URL: options.publicBaseUrl } : {}),
    DATABASE_URL: process.env.DATABASE_URL!,
  });
  const integrations = integrationsConfigOf(config);
  // The use cases' logs say what the assertions check; TEST_LOG_LEVEL (as for the test app) shows them.
  if (!process.env.TEST_LOG_LEVEL) Logger.overrideLogger(false);
  const database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
  const dataSource = createDataSource({ url: database.url, poolSize: 4, applicationName: 'xiaoan-medium' });
  await dataSource.initialize();
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const jobs: EnqueuedJob[] = [];
  const queue = {
    // Kept on the transaction's manager until it commits: a rolled-back transaction enqueued nothing.
    enqueue: async (manager: { queryRunner?: unknown }, name: string, data: unknown) => {
      (pendingJobs.get(manager) ?? jobs).push({ queue: name, data });
      return null;
    },
    // Outside a transaction (jobs that schedule their own next run).
    send: async (name: string, data: unknown) => {
      jobs.push({ queue: name, data });
      return null;
    },
  };
  const pendingJobs = new Map<unknown, EnqueuedJob[]>();
  const inner = new UnitOfWork(dataSource, queue as unknown as JobQueue);
  const unitOfWork = {
    run: async <T>(work: Parameters<UnitOfWork['run']>[0]) => {
      let mine: EnqueuedJob[] = [];
      const result = await inner.run(async (tx) => {
        mine = [];
        pendingJobs.set(tx.manager, mine);
        try {
          return await work(tx);
        } finally {
          pendingJobs.delete(tx.manager);
        }
      });
      jobs.push(...mine);
      return result as T;
    },
  } as unknown as UnitOfWork;
  return {
    database,
    dataSource,
    db,
    unitOfWork,
    queue: queue as unknown as JobQueue,
    jobs,
    clock: new Clock(config),
    config,
    integrations,
    adapters: createWechatPayAdapters(integrations.wechatPay),
    sim,
    close: async () => {
      await db.end();
      await dataSource.destroy();
      await database.drop();
      if (!options.sim) await sim.close();
    },
  };
};

const tag = () => randomBytes(4).toString('hex');

export interface Customer {
  id: string;
  openid: string;
}

/** A customer as the identity module records one at first login (which needs a wx.login code: not these tests' subject). */
export const addCustomer = async (db: pg.Client): Promise<Customer> => {
  const openid = `omedium_${tag()}`;
  const { rows } = await db.query<{ id: string }>(`INSERT INTO customers (openid) VALUES ($1) RETURNING id`, [openid]);
  return { id: rows[0]!.id, openid };
};

/** A scheduled flight departing `departsInHours` from now, 2 h 30 long, as the flight module stores it from the provider. */
export const addFlight = async (
  db: pg.Client,
  departsInHours = 24,
): Promise<{ id: string; scheduledArrival: Date }> => {
  const departure = new Date(Date.now() + departsInHours * 3600_000);
  const arrival = new Date(departure.getTime() + 150 * 60_000);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO flights (flight_no, flight_date, carrier_code, carrier_name, origin, destination, scheduled_departure, scheduled_arrival, status)
     VALUES ($1, $2::timestamptz::date, 'MU', '东方航空', '{"code":"SHA"}', '{"code":"PEK"}', $2, $3, 'scheduled') RETURNING id`,
    [`MU${tag().slice(0, 4)}`, departure, arrival],
  );
  return { id: rows[0]!.id, scheduledArrival: arrival };
};

export const versionIdOf = async (db: pg.Client, productCode: string): Promise<string> => {
  const { rows } = await db.query<{ id: string }>(
    `SELECT v.id FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.code = $1 ORDER BY v.version DESC LIMIT 1`,
    [productCode],
  );
  return rows[0]!.id;
};

export interface PendingOrder {
  id: string;
  orderNo: string;
  customer: Customer;
  amountFen: number;
  payoutFen: number;
  productVersionId: string;
}

export interface OrderSubject {
  productCode: 'FD60' | 'FD120' | 'HEAT37' | 'RAIN';
  flightId?: string;
  /** Weather: the place, the units and the cover's end date (HEAT37: 08-31 of its season; RAIN: the visit day). */
  place?: { code: string; units: number; coverEndDate: string };
  amountFen?: number;
  payoutFen?: number;
  /** Names the insured person: the same name is the same 身份证 (one policy per insured per flight / place-period). */
  insured?: string;
  /** When the order is placed (default now): an order placed over 30 min ago can no longer be paid in time. */
  placedAt?: Date;
}

/** A valid 身份证 number per insured name, so that the same name is the same person. */
const idNumberOf = (insured: string | undefined): string =>
  insured === undefined
    ? makeIdNumber()
    : makeIdNumber(createHash('sha256').update(insured).digest().readUInt32BE(0) % 10_000_000);

/** CreateOrderUseCase as the app wires it. */
export const createOrderOf = (medium: Medium): CreateOrderUseCase => {
  const cipher = new FieldCipher(medium.config.dataEncryptionKey);
  return new CreateOrderUseCase(
    medium.dataSource,
    medium.unitOfWork,
    new ProductVersionCache(medium.dataSource),
    new OrderPrepay(medium.dataSource, medium.adapters.gateway),
    cipher,
    medium.clock,
    new SavedInsureds(medium.dataSource, cipher),
  );
};

/** The quote an order is placed from: what CreateOrderUseCase reads of it, as a quoter returns it. */
export interface HeldQuote {
  id: string;
  productVersionId: string;
  premiumFen: number;
  payoutFen: number;
}

export interface OrderOptions {
  /** Names the insured person (see OrderSubject.insured). */
  insured?: string;
  /** RAIN: the 同行人 besides the insured (one per further person quoted). */
  companions?: number;
  placedAt?: Date;
  idempotencyKey?: string;
}

/** The order body a customer submits for `quote`: the insured, `companions` more persons, the exclusions read. */
export const orderBodyOf = (quote: Pick<HeldQuote, 'id' | 'productVersionId'>, options: OrderOptions = {}) => ({
  quoteId: quote.id,
  insured: {
    name: '张三',
    idType: 'id_card',
    idNumber: idNumberOf(options.insured),
    phone: '13812345678',
    relationship: 'self',
  },
  // The others are 同行人 with their own 身份证.
  companions: Array.from({ length: options.companions ?? 0 }, (_, i) => ({
    name: '李四',
    idType: 'id_card',
    idNumber: idNumberOf(options.insured === undefined ? undefined : `${options.insured}+${i}`),
    relationship: 'other',
  })),
  exclusionsReadVersion: quote.productVersionId,
});

/** An order waiting for its payment, placed by CreateOrderUseCase from `quote` (its JSAPI prepay placed at the simulator). */
export const addOrderFromQuote = async (
  medium: Medium,
  customer: Customer,
  quote: HeldQuote,
  options: OrderOptions = {},
): Promise<PendingOrder> => {
  const order = await createOrderOf(medium).execute(
    { customerId: customer.id, openid: customer.openid },
    options.idempotencyKey ?? `medium-${tag()}${tag()}`,
    orderBodyOf(quote, options),
    options.placedAt,
  );
  return {
    id: order.id,
    orderNo: order.orderNo,
    customer,
    amountFen: quote.premiumFen,
    payoutFen: quote.payoutFen,
    productVersionId: quote.productVersionId,
  };
};

/**
 * An order waiting for its payment, placed by CreateOrderUseCase (its JSAPI prepay placed at the
 * simulator). Its quote is written in SQL: the quote module prices from flight statistics and the
 * sale guard, none of which is what the payment-side tests are about.
 */
export const addPendingOrder = async (
  medium: Medium,
  customer: Customer,
  subject: OrderSubject,
): Promise<PendingOrder> => {
  const versionId = await versionIdOf(medium.db, subject.productCode);
  const amountFen = subject.amountFen ?? 1200;
  const payoutFen = subject.payoutFen ?? 20000;
  const units = subject.place?.units ?? null;
  const {
    rows: [quote],
  } = await medium.db.query<{ id: string }>(
    `INSERT INTO quotes (customer_id, product_id, product_version_id, flight_id, place_code, units, cover_start_date, cover_end_date, payout_fen, premium_fen, pricing, expires_at)
     SELECT $1, product_id, id, $3, $4, $5, $6, $7, $8, $9, '{}'::jsonb, now() + interval '30 minutes' FROM product_versions WHERE id = $2
     RETURNING id`,
    [
      customer.id,
      versionId,
      subject.flightId ?? null,
      subject.place?.code ?? null,
      units,
      subject.productCode === 'RAIN' ? subject.place!.coverEndDate : null,
      subject.place?.coverEndDate ?? null,
      payoutFen,
      amountFen,
    ],
  );
  // RAIN names each person it covers (one per unit).
  return addOrderFromQuote(
    medium,
    customer,
    { id: quote!.id, productVersionId: versionId, premiumFen: amountFen, payoutFen },
    {
      insured: subject.insured,
      companions: subject.productCode === 'RAIN' ? units! - 1 : 0,
      placedAt: subject.placedAt,
    },
  );
};

/** WeChat's report of a successful JSAPI payment of `order`, matching it unless `overrides` say otherwise. */
export const paymentOf = (
  medium: Medium,
  order: PendingOrder,
  overrides: Partial<WechatPayTransaction> = {},
): WechatPayTransaction =>
  ({
    appid: medium.integrations.wechatPay.appid,
    mchid: medium.integrations.wechatPay.mchid,
    out_trade_no: order.orderNo,
    transaction_id: `42000${Date.now()}${tag()}`.slice(0, 32),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    success_time: new Date().toISOString(),
    payer: { openid: order.customer.openid },
    amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  }) as WechatPayTransaction;

/**
 * The customer pays `order` on the phone (wx.requestPayment at the simulator, under the prepay the
 * order holds); with `anomaly`, WeChat Pay records another amount or payer. Answers the transaction
 * as WeChat Pay reports it when queried.
 */
export const payAtWechat = async (
  medium: Medium,
  order: PendingOrder,
  anomaly?: Parameters<RunningSimulator['pay']>[2],
): Promise<WechatPayTransaction> => {
  const { rows } = await medium.db.query<{ prepay_id: string }>(`SELECT prepay_id FROM orders WHERE id = $1`, [
    order.id,
  ]);
  medium.sim.pay(rows[0]!.prepay_id, order.customer.openid, anomaly);
  return medium.adapters.gateway.queryOrder(order.orderNo);
};

/** What a query returns, as JSON text: for "nothing changed" checks. */
export const snapshot = async (db: pg.Client, sql: string, params: unknown[] = []): Promise<string> =>
  JSON.stringify((await db.query(sql, params)).rows);

/** The claim module's reads as the app wires them: each growing kind's evidence read by its reader. */
export const claimQueriesOf = (
  medium: Pick<Medium, 'dataSource'>,
  versions = new ProductVersionCache(medium.dataSource),
) =>
  new ClaimQueries(
    medium.dataSource,
    versions,
    checkEvidenceReaders([new HeatEvidenceReader(medium.dataSource, versions)]),
  );

/** Every quote and every place's sold capacity: what a weather quote writes, and a refusal must leave alone. */
export const quotesAndCapacity = (db: pg.Client): Promise<string> =>
  snapshot(
    db,
    `SELECT (SELECT json_agg(q ORDER BY q.id) FROM quotes q) AS quotes,
            (SELECT json_agg(w ORDER BY w.place_code, w.period) FROM weather_capacity w) AS capacity`,
  );

/** The payment side as the app wires it: SettlePaidOrderUseCase and the policy module it issues through. */
export const settlementOf = (medium: Medium): SettlePaidOrderUseCase =>
  new SettlePaidOrderUseCase(
    medium.unitOfWork,
    new ProductVersionCache(medium.dataSource),
    medium.integrations,
    medium.clock,
    new WeatherPlaces(medium.dataSource),
    new IssuePolicyUseCase(new PolicyRepository()),
    new OpenHeatClaimsUseCase(new ClaimRepository()),
  );

export interface IssuedFlightPolicy {
  order: PendingOrder;
  policyId: string;
}

/** A flight policy issued the way a customer gets one: a pending order, then its payment settled. */
export const addIssuedFlightPolicy = async (
  medium: Medium,
  flightId: string,
  productCode: 'FD60' | 'FD120' = 'FD120',
  payoutFen = 20000,
): Promise<IssuedFlightPolicy> => {
  const order = await addPendingOrder(medium, await addCustomer(medium.db), { productCode, flightId, payoutFen });
  const outcome = await settlementOf(medium).execute(paymentOf(medium, order), null);
  if (outcome !== 'issued') throw new Error(`the fixture's order was not issued: ${outcome}`);
  const { rows } = await medium.db.query<{ id: string }>(`SELECT id FROM policies WHERE order_id = $1`, [order.id]);
  return { order, policyId: rows[0]!.id };
};

/** The flight's final status as the flight module records it from the provider (what settlement reads). */
export const endFlight = async (
  db: pg.Client,
  flightId: string,
  outcome: { status: 'arrived'; lateMinutes: number } | { status: 'cancelled' | 'diverted' },
): Promise<void> => {
  await db.query(
    `UPDATE flights SET status = $2::varchar, actual_departure = CASE WHEN $2::varchar <> 'cancelled' THEN scheduled_departure END,
            actual_arrival = CASE WHEN $2::varchar = 'arrived' THEN scheduled_arrival + make_interval(mins => $3::int) END,
            provider_revision = provider_revision + 1
      WHERE id = $1`,
    [flightId, outcome.status, outcome.status === 'arrived' ? outcome.lateMinutes : 0],
  );
};

/**
 * The station history HEAT37 and RAIN are priced from: the simulated provider's pull API, imported
 * by ImportWeatherHistoryUseCase as production imports it (which clears `pricing`'s cached counts).
 */
export const importStationHistory = async (
  medium: Medium,
  pricing?: WeatherPricingService,
  from = '2012-01-01',
  to = '2026-12-31',
): Promise<void> => {
  const response = await fetch(`${medium.sim.origin}/weather-data/v1/history.csv?from=${from}&to=${to}`);
  if (!response.ok) throw new Error(`history.csv: ${response.status}`);
  const result = await new ImportWeatherHistoryUseCase(medium.dataSource, pricing).execute(await response.text());
  if (!('rows' in result) || result.rows === 0) throw new Error(`history import failed: ${JSON.stringify(result)}`);
};

export interface Quoters {
  flight: QuoteFlightDelayUseCase;
  heat: QuoteHeatUseCase;
  rain: QuoteRainUseCase;
  /** What HEAT37 and RAIN price from: give it to importStationHistory, whose import clears its cache. */
  weatherPricing: WeatherPricingService;
}

/** Each kind's quoter as the app wires it: flights from the simulated provider over HTTP, places from the station history. */
export const quotersOf = (medium: Medium): Quoters => {
  const { dataSource } = medium;
  const versions = new ProductVersionCache(dataSource);
  const weatherPricing = new WeatherPricingService(dataSource);
  const places = new PlaceQuoteService(dataSource, versions, new WeatherPlaces(dataSource));
  return {
    flight: new QuoteFlightDelayUseCase(
      dataSource,
      versions,
      new LookupFlightsUseCase(
        new FlightDataClient(medium.integrations.flightData),
        new FlightRepository(dataSource),
        versions,
      ),
      new PricingService(
        new FlightStatisticsRepository(dataSource),
        new FlightStatisticsCache(),
        new FlightOutcomeCountsRepository(dataSource),
      ),
      new SaleGuardService(new SaleGuardRepository(dataSource)),
    ),
    heat: new QuoteHeatUseCase(places, weatherPricing, medium.clock),
    rain: new QuoteRainUseCase(places, weatherPricing, medium.clock),
    weatherPricing,
  };
};

/** The payout module as the app wires it (bills, their creation and look-up), for the payout-side tests. */
export const payoutOf = (medium: Medium) => {
  const claims = new ChangeClaimPayoutUseCase(new ClaimRepository());
  const bills = new PayoutBillRepository(medium.dataSource, medium.clock, claims);
  const bucket = new TransferRateBucket(medium.dataSource);
  const creator = new CreateTransferBillUseCase(
    medium.adapters.transferBills,
    bucket,
    new ProductVersionCache(medium.dataSource),
    bills,
  );
  const sync = new SyncPayoutBillUseCase(bills, creator, medium.adapters.transferBills, bucket, medium.queue);
  return { claims, bills, bucket, creator, sync };
};

export interface ApprovedClaim {
  claimId: string;
  claimNo: string;
  customer: { customerId: string; openid: string };
}

/** A claim approved the way a customer gets one: a policy paid for, then its flight 3 h late. */
export const addApprovedFlightClaim = async (medium: Medium, payoutFen = 20000): Promise<ApprovedClaim> => {
  const flight = await addFlight(medium.db);
  const { order } = await addIssuedFlightPolicy(medium, flight.id, 'FD120', payoutFen);
  await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes: 180 });
  const settled = await medium.unitOfWork.run((tx) =>
    new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository())).settle(tx, flight.id),
  );
  const claimId = settled.approvedClaimIds[0]!;
  const { rows } = await medium.db.query<{ claim_no: string }>(`SELECT claim_no FROM claims WHERE id = $1`, [claimId]);
  return {
    claimId,
    claimNo: rows[0]!.claim_no,
    customer: { customerId: order.customer.id, openid: order.customer.openid },
  };
};
