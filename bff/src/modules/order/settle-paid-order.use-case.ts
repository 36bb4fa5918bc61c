import { Inject, Injectable, Logger } from '@nestjs/common';
import { makeBusinessNumber } from '@xiaoan/shared';
import { rowsOf } from '../../core/database/rows-of.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import type { WechatPayTransaction } from '../../integrations/wechat-pay/wechat-pay.schemas.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { FLIGHT_WATCH_QUEUE, ORDER_QUEUES } from './order.queues.js';

export type SettlementOutcome = 'issued' | 'refunding' | 'already_settled';

interface LockedOrder {
  id: string;
  order_no: string;
  status: string;
  amount_fen: number;
  payout_fen: number;
  customer_id: string;
  product_version_id: string;
  flight_id: string;
  insured_id_index: string;
  openid: string;
}

interface FlightForIssue {
  status: string;
  scheduled_departure: Date;
  scheduled_arrival: Date;
}

/** What the customer reads when the premium goes back (products.md: "The customer sees why"). */
const REFUND_REASONS = {
  capacity: '该航班的保障名额已售罄，保费已全额原路退回',
  departed: '支付完成时航班已起飞或状态已变化，无法承保，保费已全额原路退回',
  duplicate: '该被保险人已投保此航班（同一航班限投一份），本单保费已全额原路退回',
  closed: '订单已关闭后收到付款，保费已全额原路退回',
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
  ) {}

  async execute(transaction: WechatPayTransaction, notificationId: string | null, now = new Date()): Promise<SettlementOutcome> {
    if (transaction.trade_state !== 'SUCCESS') throw new AppException('NOTIFY_MISMATCH', { field: 'trade_state' });
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      if (notificationId) {
        await manager.query(
          `INSERT INTO payment_notifications (notification_id, event_type, out_trade_no, outcome)
           VALUES ($1, 'TRANSACTION.SUCCESS', $2, 'received') ON CONFLICT (notification_id) DO NOTHING`,
          [notificationId, transaction.out_trade_no],
        );
      }
      const [order] = (await manager.query(
        `SELECT o.id, o.order_no, o.status, o.amount_fen, o.payout_fen, o.customer_id, o.product_version_id, o.flight_id,
                o.insured_id_index, c.openid
           FROM orders o JOIN customers c ON c.id = o.customer_id
          WHERE o.order_no = $1 FOR UPDATE OF o`,
        [transaction.out_trade_no],
      )) as LockedOrder[];
      this.assertMatches(transaction, order);
      if (order!.status !== 'pending_payment' && order!.status !== 'closed') return 'already_settled';

      await manager.query(
        `UPDATE orders SET status = 'paid', transaction_id = $2, paid_at = $3, updated_at = $3 WHERE id = $1`,
        [order!.id, transaction.transaction_id ?? null, transaction.success_time ? new Date(transaction.success_time) : now],
      );
      if (order!.status === 'closed') return this.refund(tx, order!, REFUND_REASONS.closed);

      const [flight] = (await manager.query(
        `SELECT status, scheduled_departure, scheduled_arrival FROM flights WHERE id = $1`,
        [order!.flight_id],
      )) as FlightForIssue[];
      if (flight!.status !== 'scheduled' || flight!.scheduled_departure.getTime() <= now.getTime()) {
        return this.refund(tx, order!, REFUND_REASONS.departed);
      }
      const version = await this.versions.byVersionId(order!.product_version_id);
      if (!version || version.terms.kind !== 'flight_delay') throw new Error(`order ${order!.order_no} has no flight-delay version`);

      // The capacity counter is the arbiter of races: it can never pass the cap.
      const taken = rowsOf<{ id: string }>(
        await manager.query(
        `UPDATE flights SET sold_sum_insured_fen = sold_sum_insured_fen + $2
          WHERE id = $1 AND sold_sum_insured_fen + $2 <= $3 RETURNING id`,
          [order!.flight_id, order!.payout_fen, version.terms.capacityPerFlightFen],
        ),
      );
      if (taken.length === 0) return this.refund(tx, order!, REFUND_REASONS.capacity);

      const [{ seq }] = (await manager.query(`SELECT nextval('policy_no_seq') AS seq`)) as { seq: string }[];
      const policyNo = makeBusinessNumber('P', now, BigInt(seq!));
      const coverEnd = new Date(flight!.scheduled_arrival.getTime() + version.terms.manualReviewAfterMinutes * 60_000);
      const inserted = (await manager.query(
        `INSERT INTO policies (policy_no, order_id, customer_id, product_version_id, flight_id, premium_fen, payout_fen,
                               insured_id_index, cover_start, cover_end, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (flight_id, insured_id_index) WHERE status <> 'cancelled' DO NOTHING
         RETURNING id`,
        [policyNo, order!.id, order!.customer_id, order!.product_version_id, order!.flight_id, order!.amount_fen,
          order!.payout_fen, order!.insured_id_index, flight!.scheduled_departure, coverEnd, now],
      )) as { id: string }[];
      if (inserted.length === 0) {
        await manager.query(`UPDATE flights SET sold_sum_insured_fen = sold_sum_insured_fen - $2 WHERE id = $1`, [order!.flight_id, order!.payout_fen]);
        return this.refund(tx, order!, REFUND_REASONS.duplicate);
      }
      await manager.query(`UPDATE orders SET status = 'issued', updated_at = $2 WHERE id = $1`, [order!.id, now]);
      // Watch the flight from its scheduled arrival + 15 min until it has a final status.
      await tx.enqueue(
        FLIGHT_WATCH_QUEUE,
        { flightId: order!.flight_id },
        { singletonKey: order!.flight_id, startAfter: new Date(flight!.scheduled_arrival.getTime() + 15 * 60_000) },
      );
      this.logger.log({ orderNo: order!.order_no, policyNo }, 'policy issued');
      return 'issued';
    });
  }

  /** A notification that does not match its order changes nothing and is answered 4xx. */
  private assertMatches(transaction: WechatPayTransaction, order: LockedOrder | undefined): asserts order is LockedOrder {
    const wechatPay = this.integrations.wechatPay;
    const problems: string[] = [];
    if (!order) problems.push('out_trade_no');
    if (transaction.appid !== wechatPay.appid) problems.push('appid');
    if (transaction.mchid !== wechatPay.mchid) problems.push('mchid');
    if (order && transaction.amount?.total !== order.amount_fen) problems.push('amount');
    if (order && transaction.payer?.openid && transaction.payer.openid !== order.openid) problems.push('payer');
    if (problems.length > 0) {
      this.logger.error({ outTradeNo: transaction.out_trade_no, problems }, 'payment does not match its order');
      throw new AppException('NOTIFY_MISMATCH', problems.map((field) => ({ field, issue: 'does not match the order' })));
    }
  }

  private async refund(tx: Transaction, order: LockedOrder, reason: string): Promise<SettlementOutcome> {
    const [{ seq }] = (await tx.manager.query(`SELECT nextval('refund_no_seq') AS seq`)) as { seq: string }[];
    const refundNo = makeBusinessNumber('R', new Date(), BigInt(seq!));
    await tx.manager.query(`UPDATE orders SET status = 'refunding', refund_reason = $2, updated_at = now() WHERE id = $1`, [order.id, reason]);
    const [refund] = (await tx.manager.query(
      `INSERT INTO refunds (refund_no, order_id, amount_fen, reason) VALUES ($1, $2, $3, $4) RETURNING id`,
      [refundNo, order.id, order.amount_fen, reason],
    )) as { id: string }[];
    await tx.enqueue(ORDER_QUEUES.refund, { refundId: refund!.id }, { singletonKey: refund!.id });
    this.logger.warn({ orderNo: order.order_no, refundNo, reason }, 'paid order refunded instead of issued');
    return 'refunding';
  }
}
