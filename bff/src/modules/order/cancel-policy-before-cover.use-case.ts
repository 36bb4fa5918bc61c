import { Injectable, Logger } from '@nestjs/common';
import { makeBusinessNumber, type CancelPolicyResponse, type SupportRefund } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { ORDER_QUEUES } from './order.queues.js';

export interface CancelPolicyCommand {
  policyNo: string;
  /** Set for the customer's own self-service: then only their own policy is found. */
  customerId?: string;
  /** Who asked (a staff username, or 'customer'), for the log. */
  requestedBy: string;
}

interface LockedPolicy {
  policy_id: string;
  policy_no: string;
  status: string;
  cover_start: Date;
  payout_fen: number;
  flight_id: string | null;
  place_code: string | null;
  units: number | null;
  cover_end_date: string | null;
  order_id: string;
  order_no: string;
  amount_fen: number;
  claimed_fen: number;
  refund_no: string | null;
  refund_status: SupportRefund['status'] | null;
}

/** What the customer reads on the order and what goes with the refund to WeChat Pay. */
export const CANCEL_REFUND_REASON = '保障开始前退保，保费已全额原路退回';

/**
 * Cancel a policy before its cover starts (compliance.md row 7): full refund through the existing
 * refund path (a refund row and the `order.refund` job, enqueued in this transaction, so WeChat is
 * called after commit with the refund's own out_refund_no), policy `cancelled`, the capacity it
 * took given back. One transaction, idempotent: a policy already cancelled answers its refund
 * again. Refused once cover has started (flight: the scheduled departure; weather: the first
 * covered day), or when anything was claimed.
 *
 * Customer service uses it today; the customer's self-service reuses it with `customerId`.
 */
@Injectable()
export class CancelPolicyBeforeCoverUseCase {
  private readonly logger = new Logger('CancelPolicyBeforeCover');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(command: CancelPolicyCommand, alsoInTransaction?: (tx: Transaction, result: CancelPolicyResponse) => Promise<void>): Promise<CancelPolicyResponse> {
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      const [policy] = (await manager.query(
        `SELECT p.id AS policy_id, p.policy_no, p.status, p.cover_start, p.payout_fen, p.flight_id, p.place_code, p.units,
                to_char(p.cover_end_date, 'YYYY-MM-DD') AS cover_end_date,
                o.id AS order_id, o.order_no, o.amount_fen,
                (SELECT coalesce(sum(c.amount_fen), 0)::int FROM claims c WHERE c.policy_id = p.id) AS claimed_fen,
                r.refund_no, r.status AS refund_status
           FROM policies p JOIN orders o ON o.id = p.order_id LEFT JOIN refunds r ON r.order_id = o.id
          WHERE p.policy_no = $1 AND ($2::uuid IS NULL OR p.customer_id = $2::uuid)
          FOR UPDATE OF p, o`,
        [command.policyNo, command.customerId ?? null],
      )) as LockedPolicy[];
      if (!policy) throw new AppException('POLICY_NOT_FOUND');
      if (policy.status === 'cancelled' && policy.refund_no) {
        return this.answer(policy, policy.refund_no, policy.refund_status ?? 'pending', false);
      }
      if (policy.status !== 'active' || policy.claimed_fen > 0 || policy.refund_no) {
        throw new AppException('POLICY_NOT_CANCELLABLE', { status: policy.status });
      }
      // Flight cover runs on the real clock; weather cover on the business clock (moved in development).
      const now = policy.flight_id ? new Date() : this.clock.now();
      if (now.getTime() >= new Date(policy.cover_start).getTime()) {
        throw new AppException('POLICY_COVER_STARTED', { coverStart: new Date(policy.cover_start).toISOString() });
      }
      // A claim that is not there yet can never be opened on a cancelled policy; a HEAT37 policy's
      // empty claim (opened at issue, nothing accrued) stays as it is, at 0.
      await manager.query(`UPDATE policies SET status = 'cancelled' WHERE id = $1`, [policy.policy_id]);
      await this.releaseCapacity(tx, policy);
      const [{ seq }] = (await manager.query(`SELECT nextval('refund_no_seq') AS seq`)) as { seq: string }[];
      const refundNo = makeBusinessNumber('R', now, BigInt(seq!));
      await manager.query(`UPDATE orders SET status = 'refunding', refund_reason = $2, updated_at = now() WHERE id = $1`, [policy.order_id, CANCEL_REFUND_REASON]);
      const [refund] = (await manager.query(`INSERT INTO refunds (refund_no, order_id, amount_fen, reason) VALUES ($1, $2, $3, $4) RETURNING id`, [
        refundNo,
        policy.order_id,
        policy.amount_fen,
        CANCEL_REFUND_REASON,
      ])) as { id: string }[];
      await tx.enqueue(ORDER_QUEUES.refund, { refundId: refund!.id }, { singletonKey: refund!.id });
      const result = this.answer({ ...policy, status: 'cancelled' }, refundNo, 'pending', true);
      await alsoInTransaction?.(tx, result);
      this.logger.log({ policyNo: policy.policy_no, orderNo: policy.order_no, refundNo, requestedBy: command.requestedBy }, 'policy cancelled before cover; premium refunding');
      return result;
    });
  }

  /** Gives back what issuing took: the flight's sold sum insured, or the place's units for the period. */
  private async releaseCapacity(tx: Transaction, policy: LockedPolicy): Promise<void> {
    if (policy.flight_id) {
      await tx.manager.query(`UPDATE flights SET sold_sum_insured_fen = sold_sum_insured_fen - $2 WHERE id = $1`, [policy.flight_id, policy.payout_fen]);
      return;
    }
    // HEAT37 counts per city-season (the cover's year), RAIN per spot-day (the visit date); see SettlePaidOrderUseCase.
    const isHeat = policy.cover_end_date !== null && (await this.isHeat(tx, policy.policy_id));
    const period = isHeat ? policy.cover_end_date!.slice(0, 4) : policy.cover_end_date!;
    await tx.manager.query(`UPDATE weather_capacity SET sold = sold - $3 WHERE place_code = $1 AND period = $2`, [policy.place_code, period, policy.units]);
  }

  private async isHeat(tx: Transaction, policyId: string): Promise<boolean> {
    const [row] = (await tx.manager.query(
      `SELECT v.terms ->> 'kind' AS kind FROM policies p JOIN product_versions v ON v.id = p.product_version_id WHERE p.id = $1`,
      [policyId],
    )) as { kind: string }[];
    return row?.kind === 'heat';
  }

  private answer(policy: LockedPolicy, refundNo: string, refundStatus: SupportRefund['status'], cancelled: boolean): CancelPolicyResponse {
    return {
      policyNo: policy.policy_no,
      orderNo: policy.order_no,
      policyStatus: 'cancelled',
      refundNo,
      refundStatus,
      amountFen: policy.amount_fen,
      cancelled,
    };
  }
}
