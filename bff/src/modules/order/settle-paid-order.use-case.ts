import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOrderTransition, makeBusinessNumber, type OrderStatus, type ProductTerms } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { productKindOfTerms } from '../../products/index.js';
import { WeatherPlaces } from '../weather/weather-places.js';
import { named } from '../../core/database/named-parameters.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import type { WechatPayTransaction } from '../../integrations/wechat-pay/wechat-pay.schemas.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { OpenHeatClaimsUseCase } from '../claim/open-heat-claims.use-case.js';
import { IssuePolicyUseCase } from '../policy/issue-policy.use-case.js';
import { enqueueFirstFlightWatch } from '../trigger/trigger.queues.js';
import { paymentMismatches } from './domain/payment-match.js';
import { ORDER_QUEUES } from './order.queues.js';

export type SettlementOutcome = 'issued' | 'refunding' | 'already_settled' | 'mismatch';

interface LockedOrder {
  id: string;
  flight_status: string;
  scheduled_departure: Date;
  scheduled_arrival: Date;
  place_code: string | null;
  units: number | null;
  cover_end_date: string | null;
  policy_seq: string;
  order_no: string;
  status: OrderStatus;
  amount_fen: number;
  payout_fen: number;
  customer_id: string;
  product_version_id: string;
  flight_id: string;
  insured_id_index: string;
  openid: string;
}

/** What the customer reads when the premium goes back (products.md: "The customer sees why"). */
const REFUND_REASONS = {
  capacity: '该航班的保障名额已售罄，保费已全额原路退回',
  departed: '支付完成时航班已起飞或状态已变化，无法承保，保费已全额原路退回',
  duplicate: '该被保险人已投保此航班（同一航班限投一份），本单保费已全额原路退回',
  closed: '订单已关闭后收到付款，保费已全额原路退回',
  placeCapacity: '该城市（景区）本期保障名额已售罄，保费已全额原路退回',
  placeDuplicate: '该被保险人已投保同一城市同一季（或同一景区同一天），本单保费已全额原路退回',
  saleClosed: '支付完成时已过投保截止时间，无法承保，保费已全额原路退回',
  mismatch: '支付信息与订单不符（金额、币种或付款人不一致），未能出单，实付款项已全额原路退回付款人',
} as const;

/**
 * A payment WeChat confirmed (by notification or by query) becomes a policy exactly once.
 * One transaction: lock the order, check the payment matches it to the fen, then either issue
 * (capacity taken atomically, one policy per insured per flight) or start a full refund with a
 * reason. Follow-up work is enqueued in the same transaction.
 */
@Injectable()
export class SettlePaidOrderUseCase {
  private readonly logger = new Logger('SettlePaidOrder');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly versions: ProductVersionCache,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
    private readonly clock: Clock,
    private readonly places: WeatherPlaces,
    private readonly issuePolicy: IssuePolicyUseCase,
    private readonly openHeatClaims: OpenHeatClaimsUseCase,
  ) {}

  async execute(
    transaction: WechatPayTransaction,
    notificationId: string | null,
    now = new Date(),
  ): Promise<SettlementOutcome> {
    if (transaction.trade_state !== 'SUCCESS') throw new AppException('NOTIFY_MISMATCH', { field: 'trade_state' });
    const paidAt = transaction.success_time ? new Date(transaction.success_time) : now;
    // Five round trips on the hot path (BEGIN, lock-and-read, the policy module issues the policy,
    // take capacity and settle the order, COMMIT): at Double-11 rates every round trip to PostgreSQL
    // is throughput, and the grouped path (SettlePaidOrdersUseCase) takes the peak.
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      const [order] = (await manager.query(
        `WITH evidence AS (
           INSERT INTO payment_notifications (notification_id, event_type, out_trade_no, outcome)
           SELECT $2, 'TRANSACTION.SUCCESS', $1, 'received' WHERE $2::varchar IS NOT NULL
           ON CONFLICT (notification_id) DO NOTHING)
         SELECT o.id, o.order_no, o.status, o.amount_fen, o.payout_fen, o.customer_id, o.product_version_id, o.flight_id,
                o.insured_id_index, c.openid, f.status AS flight_status, f.scheduled_departure, f.scheduled_arrival,
                o.place_code, o.units, to_char(o.cover_end_date, 'YYYY-MM-DD') AS cover_end_date,
                nextval('policy_no_seq') AS policy_seq
           FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN flights f ON f.id = o.flight_id
          WHERE o.order_no = $1 FOR UPDATE OF o`,
        [transaction.out_trade_no, notificationId],
      )) as LockedOrder[];
      if (!order) {
        this.logger.error({ outTradeNo: transaction.out_trade_no }, 'payment for an unknown order');
        throw new AppException('NOTIFY_MISMATCH', [{ field: 'out_trade_no', issue: 'no such order' }]);
      }
      const problems = paymentMismatches(transaction, {
        appid: this.integrations.wechatPay.appid,
        mchid: this.integrations.wechatPay.mchid,
        amountFen: order.amount_fen,
        openid: order.openid,
      });
      if (problems.length > 0) {
        if (order.status === 'pending_payment' || order.status === 'closed')
          return this.mismatch(tx, order, transaction, problems, notificationId, paidAt);
        // Settled already (issued on a matching payment, or a mismatch handled before): a late or
        // repeated report changes nothing, and WeChat is answered so that it stops retrying.
        this.logger.error(
          { orderNo: order.order_no, status: order.status, problems },
          'mismatching payment report for a settled order ignored',
        );
        return 'already_settled';
      }
      if (order.status !== 'pending_payment' && order.status !== 'closed') return 'already_settled';
      if (order.status === 'closed') return this.refund(tx, order, REFUND_REASONS.closed, transaction, paidAt);
      assertOrderTransition(order.status, 'issued');

      const version = await this.versions.byVersionId(order.product_version_id);
      if (order.place_code) {
        if (!version) throw new Error(`order ${order.order_no} has no product version`);
        return this.issueWeather(tx, order, version.terms, transaction, paidAt);
      }
      if (!version || version.terms.kind !== 'flight_delay')
        throw new Error(`order ${order.order_no} has no flight-delay version`);
      const policyNo = makeBusinessNumber('P', now, BigInt(order.policy_seq));
      const coverEnd = new Date(order.scheduled_arrival.getTime() + version.terms.manualReviewAfterMinutes * 60_000);

      // One policy per insured per flight is the partial unique index, checked as the policy module
      // writes the policy; the capacity counter is the arbiter of races: it can never pass the cap,
      // and a flight that is no longer scheduled (or has left) takes no new cover. The policy comes
      // first so that every settlement takes its locks in one order (policy index entry, then flight).
      const [policy] = await this.issuePolicy.flight(
        tx,
        [
          {
            policyNo,
            orderId: order.id,
            customerId: order.customer_id,
            productVersionId: order.product_version_id,
            flightId: order.flight_id,
            premiumFen: order.amount_fen,
            payoutFen: order.payout_fen,
            insuredIdIndex: order.insured_id_index,
            coverStart: order.scheduled_departure,
            coverEnd,
          },
        ],
        now,
      );
      if (!policy) {
        // A full or departed flight is the reason given first, as when capacity was taken first.
        const [room] = (await manager.query(
          `SELECT EXISTS (SELECT 1 FROM flights WHERE id = $1 AND sold_sum_insured_fen + $2 <= $3
                                   AND status = 'scheduled' AND scheduled_departure > $4) AS ok`,
          [order.flight_id, order.payout_fen, version.terms.capacityPerFlightFen, now],
        )) as { ok: boolean }[];
        if (!room!.ok) return this.refund(tx, order, this.fullOrDeparted(order, now), transaction, paidAt);
        return this.refund(tx, order, REFUND_REASONS.duplicate, transaction, paidAt);
      }
      const [issued] = (await manager.query(
        `WITH capacity AS (
           UPDATE flights SET sold_sum_insured_fen = sold_sum_insured_fen + $3
            WHERE id = $2 AND sold_sum_insured_fen + $3 <= $4 AND status = 'scheduled' AND scheduled_departure > $5
           RETURNING sold_sum_insured_fen - $3 AS sold_before),
         settled AS (
           UPDATE orders SET status = 'issued', transaction_id = $6, paid_at = $7, updated_at = $5
            WHERE id = $1 AND EXISTS (SELECT 1 FROM capacity)
           RETURNING id)
         SELECT (SELECT sold_before FROM capacity) AS sold_before`,
        [
          order.id,
          order.flight_id,
          order.payout_fen,
          version.terms.capacityPerFlightFen,
          now,
          transaction.transaction_id ?? null,
          paidAt,
        ],
      )) as { sold_before: string | null }[];

      if (issued!.sold_before === null) {
        await this.issuePolicy.withdraw(tx, [policy.policyId]);
        return this.refund(tx, order, this.fullOrDeparted(order, now), transaction, paidAt);
      }
      if (Number(issued!.sold_before) === 0) {
        // The flight's first policy: watch it from scheduled arrival + 15 min until it has a final status.
        await enqueueFirstFlightWatch(tx, order.flight_id, order.scheduled_arrival);
      }
      this.logger.log({ orderNo: order.order_no, policyNo }, 'policy issued');
      return 'issued';
    });
  }

  private fullOrDeparted(order: LockedOrder, now: Date): string {
    const departed = order.flight_status !== 'scheduled' || order.scheduled_departure.getTime() <= now.getTime();
    return departed ? REFUND_REASONS.departed : REFUND_REASONS.capacity;
  }

  /**
   * A weather order: the cover is fixed at the moment of issue (HEAT37's waiting period counts from
   * the purchase date), the place's capacity for the period is taken in the same statement as the
   * policy (`sold + n <= capacity`, never passed), one policy per insured per city-season or
   * spot-day (the partial unique index). Anything that fails is refunded with its reason.
   */
  private async issueWeather(
    tx: Transaction,
    order: LockedOrder,
    terms: ProductTerms,
    transaction: WechatPayTransaction,
    paidAt: Date,
  ): Promise<SettlementOutcome> {
    const now = this.clock.now();
    const place = await this.places.byCode(order.place_code!);
    if (!place) throw new Error(`order ${order.order_no} names an unknown place ${order.place_code}`);
    const rules = productKindOfTerms(terms).place;
    if (!rules)
      throw new Error(`order ${order.order_no} names a place but its terms (${terms.kind}) are not sold per place`);
    const units = order.units!;
    const cover = rules.coverAtIssue(terms, { placeCode: place.code, units, coverEndDate: order.cover_end_date! }, now);
    if (!cover) return this.refund(tx, order, REFUND_REASONS.saleClosed, transaction, paidAt);
    const period = cover.capacityPeriod;
    const policyNo = makeBusinessNumber('P', now, BigInt(order.policy_seq));
    // As for a flight: the policy module writes the policy (one per insured per city-season or
    // spot-day), then the place's capacity is taken with the order settled in one statement.
    const [policy] = await this.issuePolicy.weather(
      tx,
      [
        {
          policyNo,
          orderId: order.id,
          customerId: order.customer_id,
          productVersionId: order.product_version_id,
          placeCode: place.code,
          units,
          coverStartDate: cover.start,
          coverEndDate: cover.end,
          premiumFen: order.amount_fen,
          payoutFen: order.payout_fen,
          insuredIdIndex: order.insured_id_index,
          deductibleDays: cover.accrual?.deductibleDays ?? null,
          tickFen: cover.accrual?.tickFen ?? null,
        },
      ],
      now,
    );
    if (!policy) {
      // A sold-out place is the reason given first, as when capacity was taken first.
      const [room] = (await tx.manager.query(
        `SELECT coalesce((SELECT sold FROM weather_capacity WHERE place_code = $1 AND period = $2), 0) + $3::int <= $4::int AS ok`,
        [place.code, period, units, place.capacity],
      )) as { ok: boolean }[];
      if (!room!.ok) return this.refund(tx, order, REFUND_REASONS.placeCapacity, transaction, paidAt);
      return this.refund(tx, order, REFUND_REASONS.placeDuplicate, transaction, paidAt);
    }
    const [issued] = (await tx.manager.query(
      `WITH capacity AS (
         INSERT INTO weather_capacity AS w (place_code, period, sold) SELECT $2, $3, $4::int WHERE $4::int <= $5::int
         ON CONFLICT (place_code, period) DO UPDATE SET sold = w.sold + EXCLUDED.sold WHERE w.sold + EXCLUDED.sold <= $5::int
         RETURNING sold),
       settled AS (
         UPDATE orders SET status = 'issued', transaction_id = $6, paid_at = $7, updated_at = now()
          WHERE id = $1 AND EXISTS (SELECT 1 FROM capacity)
         RETURNING id)
       SELECT (SELECT sold FROM capacity) AS sold`,
      [order.id, place.code, period, units, place.capacity, transaction.transaction_id ?? null, paidAt],
    )) as { sold: number | null }[];
    if (issued!.sold === null) {
      await this.issuePolicy.withdraw(tx, [policy.policyId]);
      return this.refund(tx, order, REFUND_REASONS.placeCapacity, transaction, paidAt);
    }
    // A claim that accrues (HEAT37): the policy's one claim is opened with it, at 0, and grows as
    // hot days are settled (so that a hot day updates a million claims rather than inserting them).
    if (cover.accrual) {
      await this.openHeatClaims.execute(
        tx,
        [
          {
            policyId: policy.policyId,
            customerId: order.customer_id,
            productVersionId: order.product_version_id,
            cityCode: place.code,
          },
        ],
        now,
      );
    }
    this.logger.log(
      { orderNo: order.order_no, policyNo, placeCode: place.code, cover: { start: cover.start, end: cover.end } },
      'weather policy issued',
    );
    return 'issued';
  }

  /**
   * A genuine payment that does not match its order. Money was received, so it is never left in
   * limbo nor answered with an error WeChat would retry forever: the report is kept as evidence,
   * the order becomes `payment_mismatch` (the reconciler no longer picks it up), and what was
   * actually paid is refunded through the refund job (WeChat refunds to the transaction's payer)
   * with the reason recorded. Staff list it.
   */
  private async mismatch(
    tx: Transaction,
    order: LockedOrder,
    transaction: WechatPayTransaction,
    problems: string[],
    notificationId: string | null,
    paidAt: Date,
  ): Promise<SettlementOutcome> {
    assertOrderTransition(order.status, 'payment_mismatch');
    const paidFen = transaction.amount?.total ?? null;
    const reason = REFUND_REASONS.mismatch;
    await tx.manager.query(
      `UPDATE orders SET status = 'payment_mismatch', refund_reason = $2, transaction_id = $3, paid_at = $4, updated_at = now() WHERE id = $1`,
      [order.id, reason, transaction.transaction_id ?? null, paidAt],
    );
    let refundId: string | null = null;
    let refundNo: string | null = null;
    if (paidFen !== null && paidFen > 0) {
      const [{ seq }] = (await tx.manager.query(`SELECT nextval('refund_no_seq') AS seq`)) as { seq: string }[];
      refundNo = makeBusinessNumber('R', new Date(), BigInt(seq!));
      const [refund] = (await tx.manager.query(
        `INSERT INTO refunds (refund_no, order_id, amount_fen, total_fen, reason) VALUES ($1, $2, $3, $3, $4) RETURNING id`,
        [refundNo, order.id, paidFen, reason],
      )) as { id: string }[];
      refundId = refund!.id;
      await tx.enqueue(ORDER_QUEUES.refund, { refundId }, { singletonKey: refundId });
    }
    await tx.manager.query(
      ...named(
        `INSERT INTO payment_mismatches (order_id, source, notification_id, problems, transaction_id, paid_fen, currency, payer_openid, appid, mchid, transaction, refund_id)
         VALUES ($orderId, $source, $notificationId, $problems::varchar[], $transactionId, $paidFen, $currency, $payerOpenid, $appid, $mchid, $transaction::jsonb, $refundId)`,
        {
          orderId: order.id,
          source: notificationId ? 'notification' : 'query',
          notificationId,
          problems,
          transactionId: transaction.transaction_id ?? null,
          paidFen,
          currency: transaction.amount?.currency ?? null,
          payerOpenid: transaction.payer?.openid ?? null,
          appid: transaction.appid,
          mchid: transaction.mchid,
          transaction: JSON.stringify(transaction),
          refundId,
        },
      ),
    );
    if (notificationId) {
      await tx.manager.query(`UPDATE payment_notifications SET outcome = 'mismatch' WHERE notification_id = $1`, [
        notificationId,
      ]);
    }
    this.logger.error(
      { orderNo: order.order_no, problems, paidFen, refundNo },
      'payment does not match its order: kept as evidence, refunded to the payer',
    );
    return 'mismatch';
  }

  private async refund(
    tx: Transaction,
    order: LockedOrder,
    reason: string,
    transaction: WechatPayTransaction,
    paidAt: Date,
  ): Promise<SettlementOutcome> {
    assertOrderTransition(order.status, 'refunding');
    const [{ seq }] = (await tx.manager.query(`SELECT nextval('refund_no_seq') AS seq`)) as { seq: string }[];
    const refundNo = makeBusinessNumber('R', new Date(), BigInt(seq!));
    await tx.manager.query(
      `UPDATE orders SET status = 'refunding', refund_reason = $2, transaction_id = $3, paid_at = $4, updated_at = now() WHERE id = $1`,
      [order.id, reason, transaction.transaction_id ?? null, paidAt],
    );
    const [refund] = (await tx.manager.query(
      `INSERT INTO refunds (refund_no, order_id, amount_fen, reason) VALUES ($1, $2, $3, $4) RETURNING id`,
      [refundNo, order.id, order.amount_fen, reason],
    )) as { id: string }[];
    await tx.enqueue(ORDER_QUEUES.refund, { refundId: refund!.id }, { singletonKey: refund!.id });
    this.logger.warn({ orderNo: order.order_no, refundNo, reason }, 'paid order refunded instead of issued');
    return 'refunding';
  }
}
