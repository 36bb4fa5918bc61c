import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/core/config/app-config.js';
import type { IntegrationsConfig } from '../../src/core/config/integrations-config.js';
import { Clock } from '../../src/core/clock/clock.js';
import { createDataSource } from '../../src/core/database/data-source.factory.js';
import { UnitOfWork } from '../../src/core/database/unit-of-work.js';
import type { JobQueue } from '../../src/core/jobs/job-queue.js';
import type { WechatPayTransaction } from '../../src/integrations/wechat-pay/wechat-pay.schemas.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { OpenHeatClaimsUseCase } from '../../src/modules/claim/open-heat-claims.use-case.js';
import { SettlePaidOrderUseCase } from '../../src/modules/order/settle-paid-order.use-case.js';
import { IssuePolicyUseCase } from '../../src/modules/policy/issue-policy.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
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
  /** The merchant the payments are checked against (no call to WeChat is made with it). */
  integrations: IntegrationsConfig;
  close(): Promise<void>;
}

export const MEDIUM_MERCHANT = { appid: 'wxmedium00000001', mchid: '1900000109' } as const;

/**
 * A medium test's world: a database cloned from the run's migrated template, the app's own
 * DataSource and UnitOfWork on it, and a job queue that records what a committed transaction
 * enqueued instead of running it (the job's work is another use case's test). Use cases are then
 * built with `new`, from only what they need.
 */
export const openMedium = async (integrations?: IntegrationsConfig): Promise<Medium> => {
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
    clock: new Clock({ simulator: { enabled: false } } as AppConfig),
    integrations: integrations ?? ({ wechatPay: { ...MEDIUM_MERCHANT } } as unknown as IntegrationsConfig),
    close: async () => {
      await db.end();
      await dataSource.destroy();
      await database.drop();
    },
  };
};

const tag = () => randomBytes(4).toString('hex');

export interface Customer {
  id: string;
  openid: string;
}

export const addCustomer = async (db: pg.Client): Promise<Customer> => {
  const openid = `omedium_${tag()}`;
  const { rows } = await db.query<{ id: string }>(`INSERT INTO customers (openid) VALUES ($1) RETURNING id`, [openid]);
  return { id: rows[0]!.id, openid };
};

/** A scheduled flight departing `departsInHours` from now, 2 h 30 long. */
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
  /** Weather: the place, the units and the cover's end date (HEAT37: 08-31 of its season). */
  place?: { code: string; units: number; coverEndDate: string };
  amountFen?: number;
  payoutFen?: number;
  /** The insured's identity index (one policy per insured per flight / place-season). */
  insured?: string;
}

/**
 * An order waiting for its payment, as CreateOrderUseCase leaves it (its quote with it). Written
 * in SQL: creating one through the order module needs the quote module, the field cipher and a
 * JSAPI prepay, none of which is what the payment-side tests are about.
 */
export const addPendingOrder = async (
  db: pg.Client,
  customer: Customer,
  subject: OrderSubject,
): Promise<PendingOrder> => {
  const versionId = await versionIdOf(db, subject.productCode);
  const amountFen = subject.amountFen ?? 1200;
  const payoutFen = subject.payoutFen ?? 20000;
  const orderNo = `O${Date.now().toString().slice(-9)}${tag()}`.slice(0, 20);
  const coverStart = subject.place ? (subject.productCode === 'RAIN' ? subject.place.coverEndDate : null) : null;
  const {
    rows: [quote],
  } = await db.query<{ id: string }>(
    `INSERT INTO quotes (customer_id, product_id, product_version_id, flight_id, place_code, units, cover_start_date, cover_end_date, payout_fen, premium_fen, pricing, expires_at)
     SELECT $1, product_id, id, $3, $4, $5, $6, $7, $8, $9, '{}'::jsonb, now() + interval '30 minutes' FROM product_versions WHERE id = $2
     RETURNING id`,
    [
      customer.id,
      versionId,
      subject.flightId ?? null,
      subject.place?.code ?? null,
      subject.place?.units ?? null,
      coverStart,
      subject.place?.coverEndDate ?? null,
      payoutFen,
      amountFen,
    ],
  );
  const insured = subject.insured ?? `idx-${tag()}`;
  const {
    rows: [order],
  } = await db.query<{ id: string }>(
    `INSERT INTO orders (order_no, customer_id, quote_id, product_version_id, flight_id, place_code, units, cover_start_date, cover_end_date,
                         amount_fen, payout_fen, insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index,
                         insured_id_masked, insured_phone_encrypted, insured_phone_masked, exclusions_read_version_id, idempotency_key,
                         request_hash, expires_at)
     SELECT $1, customer_id, id, product_version_id, flight_id, place_code, units, cover_start_date, cover_end_date, premium_fen, payout_fen,
            'enc', '张*', 'enc', $3, '1101**********0011', 'enc', '138****0000', product_version_id, $4, $5, now() + interval '30 minutes'
       FROM quotes WHERE id = $2 RETURNING id`,
    [orderNo, quote!.id, insured, tag(), createHash('sha256').update(orderNo).digest('hex')],
  );
  return { id: order!.id, orderNo, customer, amountFen, payoutFen, productVersionId: versionId };
};

/** WeChat's report of a successful JSAPI payment of `order`, matching it unless `overrides` say otherwise. */
export const paymentOf = (
  order: PendingOrder,
  overrides: Partial<WechatPayTransaction> = {},
  merchant: { appid: string; mchid: string } = MEDIUM_MERCHANT,
): WechatPayTransaction =>
  ({
    appid: merchant.appid,
    mchid: merchant.mchid,
    out_trade_no: order.orderNo,
    transaction_id: `42000${Date.now()}${tag()}`.slice(0, 32),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    success_time: new Date().toISOString(),
    payer: { openid: order.customer.openid },
    amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  }) as WechatPayTransaction;

/** Every row of `table` whose `column` is one of `ids`, as JSON text: for "nothing changed" checks. */
export const snapshot = async (db: pg.Client, sql: string, params: unknown[] = []): Promise<string> =>
  JSON.stringify((await db.query(sql, params)).rows);

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
  const order = await addPendingOrder(medium.db, await addCustomer(medium.db), { productCode, flightId, payoutFen });
  const outcome = await settlementOf(medium).execute(paymentOf(order, {}, medium.integrations.wechatPay), null);
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
