import { Inject, Injectable, Logger } from '@nestjs/common';
import { makeBusinessNumber } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import type { WechatPayTransaction } from '../../integrations/wechat-pay/wechat-pay.schemas.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { IssuePolicyUseCase } from '../policy/issue-policy.use-case.js';
import { enqueueFirstFlightWatch } from '../trigger/trigger.queues.js';
import { paymentMismatches } from './domain/payment-match.js';
import { SettlePaidOrderUseCase, type SettlementOutcome } from './settle-paid-order.use-case.js';

interface Pending {
  transaction: WechatPayTransaction;
  notificationId: string | null;
  resolve: (outcome: SettlementOutcome) => void;
  reject: (error: unknown) => void;
}

interface Candidate {
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
  scheduled_departure: Date;
  scheduled_arrival: Date;
  policy_seq: string;
}

const MAX_BATCH = 64;
const MAX_WAIT_MS = 2;

/**
 * Group settlement of payment notifications. At peak, notifications that arrive within a couple of
 * milliseconds are issued together: one transaction locks their orders, takes capacity per flight
 * with a running sum (so the cap still holds to the fen), has the policy module insert the policies and
 * marks the orders issued — six round trips for the whole group (seven when capacity refuses some)
 * instead of five per policy.
 *
 * Only the plain case is batched: every notification whose order cannot simply be issued (already
 * settled, mismatching, flight full or gone, duplicate insured, closed order) and every group whose
 * transaction fails (e.g. a deadlock) is settled afterwards, one by one, by SettlePaidOrderUseCase,
 * which re-checks everything under its own lock. Exactly-once holds either way: issuing requires the
 * order row, locked, to be `pending_payment`.
 */
@Injectable()
export class SettlePaidOrdersUseCase {
  private readonly logger = new Logger('SettlePaidOrdersUseCase');
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly versions: ProductVersionCache,
    private readonly single: SettlePaidOrderUseCase,
    private readonly issuePolicy: IssuePolicyUseCase,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  submit(transaction: WechatPayTransaction, notificationId: string | null): Promise<SettlementOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ transaction, notificationId, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), MAX_WAIT_MS);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) void this.settle(batch);
  }

  private async settle(batch: Pending[]): Promise<void> {
    let issued = new Set<string>();
    if (batch.length > 1) {
      try {
        issued = await this.issueTogether(batch);
      } catch (error) {
        this.logger.warn(
          { size: batch.length, message: (error as Error).message },
          'group settlement failed; settling one by one',
        );
        issued = new Set();
      }
    }
    const settledNow = new Set<string>();
    for (const item of batch) {
      const outTradeNo = item.transaction.out_trade_no;
      if (issued.has(outTradeNo) && !settledNow.has(outTradeNo)) {
        settledNow.add(outTradeNo);
        item.resolve('issued');
        continue;
      }
      // Everything else takes the one-by-one path (refunds with reasons, mismatches, replays).
      this.single.execute(item.transaction, item.notificationId).then(item.resolve, item.reject);
    }
  }

  /** Issues every plain order of the group in one transaction; returns the out_trade_nos issued. */
  private async issueTogether(batch: Pending[]): Promise<Set<string>> {
    const wechatPay = this.integrations.wechatPay;
    const now = new Date();
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      const candidates = (await manager.query(
        `WITH evidence AS (
           INSERT INTO payment_notifications (notification_id, event_type, out_trade_no, outcome)
           SELECT n.id, 'TRANSACTION.SUCCESS', n.out_trade_no, 'received'
             FROM unnest($2::varchar[], $1::varchar[]) AS n(id, out_trade_no) WHERE n.id IS NOT NULL
           ON CONFLICT (notification_id) DO NOTHING)
         SELECT o.id, o.order_no, o.status, o.amount_fen, o.payout_fen, o.customer_id, o.product_version_id, o.flight_id,
                o.insured_id_index, c.openid, f.scheduled_departure, f.scheduled_arrival, nextval('policy_no_seq') AS policy_seq
           FROM orders o JOIN customers c ON c.id = o.customer_id JOIN flights f ON f.id = o.flight_id
          WHERE o.order_no = ANY($1) AND o.status = 'pending_payment'
          ORDER BY o.id FOR UPDATE OF o`,
        [batch.map((item) => item.transaction.out_trade_no), batch.map((item) => item.notificationId)],
      )) as Candidate[];
      const byNo = new Map(candidates.map((candidate) => [candidate.order_no, candidate]));
      const plain: { candidate: Candidate; transaction: WechatPayTransaction; cap: number; coverEnd: Date }[] = [];
      const seen = new Set<string>();
      for (const { transaction } of batch) {
        const candidate = byNo.get(transaction.out_trade_no);
        if (!candidate || seen.has(candidate.order_no)) continue;
        // Anything short of a full match (currency and payer included) takes the one-by-one path.
        const matches =
          transaction.trade_state === 'SUCCESS' &&
          paymentMismatches(transaction, {
            appid: wechatPay.appid,
            mchid: wechatPay.mchid,
            amountFen: candidate.amount_fen,
            openid: candidate.openid,
          }).length === 0;
        const version = await this.versions.byVersionId(candidate.product_version_id);
        if (!matches || !version || version.terms.kind !== 'flight_delay') continue;
        seen.add(candidate.order_no);
        plain.push({
          candidate,
          transaction,
          cap: version.terms.capacityPerFlightFen,
          coverEnd: new Date(candidate.scheduled_arrival.getTime() + version.terms.manualReviewAfterMinutes * 60_000),
        });
      }
      if (plain.length === 0) return new Set<string>();

      // The policy module writes the group's policies in one statement (one per insured per flight,
      // the partial unique index: a duplicate is skipped here and refunded on the one-by-one path).
      const written = await this.issuePolicy.flight(
        tx,
        plain.map((p) => ({
          policyNo: makeBusinessNumber('P', now, BigInt(p.candidate.policy_seq)),
          orderId: p.candidate.id,
          customerId: p.candidate.customer_id,
          productVersionId: p.candidate.product_version_id,
          flightId: p.candidate.flight_id,
          premiumFen: p.candidate.amount_fen,
          payoutFen: p.candidate.payout_fen,
          insuredIdIndex: p.candidate.insured_id_index,
          coverStart: p.candidate.scheduled_departure,
          coverEnd: p.coverEnd,
        })),
        now,
      );
      if (written.length === 0) return new Set<string>();
      const policyOf = new Map(written.map((row) => [row.orderId, row.policyId]));
      const withPolicy = plain.filter((p) => policyOf.has(p.candidate.id));

      // Capacity per flight with a running sum over the group (so the cap still holds to the fen),
      // and the accepted orders settled, in one statement. The flights are locked FOR NO KEY UPDATE,
      // the lock the UPDATE takes anyway: each new policy already holds a KEY SHARE lock on its
      // flight (the foreign key), which FOR UPDATE would wait on, deadlocking two groups.
      const rows = (await manager.query(
        `WITH batch AS (
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::bigint[], $5::varchar[], $6::timestamptz[])
             AS b(order_id, flight_id, payout, cap, transaction_id, paid_at)),
         locked AS (
           SELECT f.id, f.sold_sum_insured_fen, f.status, f.scheduled_departure
             FROM flights f WHERE f.id IN (SELECT flight_id FROM batch) ORDER BY f.id FOR NO KEY UPDATE),
         ranked AS (
           SELECT b.*, l.sold_sum_insured_fen AS sold_before,
                  l.sold_sum_insured_fen + sum(b.payout) OVER (PARTITION BY b.flight_id ORDER BY b.order_id) AS sold_after,
                  l.status AS flight_status, l.scheduled_departure
             FROM batch b JOIN locked l ON l.id = b.flight_id),
         accepted AS (
           SELECT * FROM ranked
            WHERE sold_after <= cap AND flight_status = 'scheduled' AND scheduled_departure > $7),
         capacity AS (
           UPDATE flights f SET sold_sum_insured_fen = f.sold_sum_insured_fen + a.total
             FROM (SELECT flight_id, sum(payout) AS total FROM accepted GROUP BY flight_id) a
            WHERE f.id = a.flight_id
           RETURNING f.id),
         settled AS (
           UPDATE orders o SET status = 'issued', transaction_id = a.transaction_id, paid_at = a.paid_at, updated_at = $7
             FROM accepted a WHERE o.id = a.order_id
           RETURNING o.id AS order_id, o.order_no, a.flight_id, a.sold_before)
         SELECT order_id, order_no, flight_id, sold_before FROM settled`,
        [
          withPolicy.map((p) => p.candidate.id),
          withPolicy.map((p) => p.candidate.flight_id),
          withPolicy.map((p) => p.candidate.payout_fen),
          withPolicy.map((p) => p.cap),
          withPolicy.map((p) => p.transaction.transaction_id ?? null),
          withPolicy.map((p) => (p.transaction.success_time ? new Date(p.transaction.success_time) : now)),
          now,
        ],
      )) as { order_id: string; order_no: string; flight_id: string; sold_before: string }[];
      // Orders the capacity refused: their policies are taken back, and the one-by-one path refunds them.
      const settledIds = new Set(rows.map((row) => row.order_id));
      const refused = written.filter((row) => !settledIds.has(row.orderId)).map((row) => row.policyId);
      await this.issuePolicy.withdraw(tx, refused);

      // A flight's first policy starts watching it (from scheduled arrival + 15 min).
      const firstOnFlight = new Map<string, Date>();
      for (const row of rows) {
        if (Number(row.sold_before) !== 0) continue;
        const arrival = plain.find((p) => p.candidate.flight_id === row.flight_id)!.candidate.scheduled_arrival;
        firstOnFlight.set(row.flight_id, arrival);
      }
      for (const [flightId, arrival] of firstOnFlight) {
        await enqueueFirstFlightWatch(tx, flightId, arrival);
      }
      if (rows.length > 0)
        this.logger.log({ count: rows.length, orderNos: rows.map((row) => row.order_no) }, 'policies issued');
      return new Set(rows.map((row) => row.order_no));
    });
  }
}
