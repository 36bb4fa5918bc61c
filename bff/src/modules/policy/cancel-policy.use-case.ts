import { Injectable, Logger } from '@nestjs/common';
import {
  assertOrderTransition,
  assertPolicyTransition,
  cancellationVerdict,
  makeBusinessNumber,
  type PolicyStatus,
  type ProductTerms,
} from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { productKindOfTerms } from '../../products/index.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { CloseClaimOnCancellationUseCase } from '../claim/close-claim-on-cancellation.use-case.js';
import { ORDER_QUEUES } from '../order/order.queues.js';

/** Who asked: the customer (who must own the policy) or a staff member acting for them. */
export type CancellationInitiator = { kind: 'customer'; customerId: string } | { kind: 'staff'; staffId: string };

export interface CancelPolicyCommand {
  /** The policy number (P…) or the policy's id. */
  policy: string;
  initiatedBy: CancellationInitiator;
  /** Free text for the record (the customer's words, or the staff member's note). */
  reason?: string;
}

export interface CancelPolicyResult {
  policyNo: string;
  orderNo: string;
  /** `already_cancelled`: a repeated request, answered with the state of the first one; nothing changed. */
  outcome: 'cancelled' | 'already_cancelled';
  refundNo: string | null;
  refundFen: number;
  /** The refund's state now: `pending` right after cancelling; WeChat Pay's REFUND.* notification moves it on. */
  refundStatus: 'pending' | 'processing' | 'succeeded' | 'closed' | 'abnormal' | null;
}

/** What the customer reads on the order and what WeChat Pay records as the refund's reason (≤ 80 characters). */
const REFUND_REASONS = {
  customer: '您在保障开始前申请退保，保费已全额原路退回',
  staff: '客服按您的申请在保障开始前办理退保，保费已全额原路退回',
} as const;

interface PolicyRow {
  id: string;
  policy_no: string;
  status: PolicyStatus;
  customer_id: string;
  order_id: string;
  order_no: string;
  flight_id: string | null;
  place_code: string | null;
  units: number | null;
  cover_end_date: string | null;
  payout_fen: number;
  cover_start: Date;
  order_amount_fen: number;
  has_payable_claim: boolean;
  refund_no: string | null;
  refund_fen: number | null;
  refund_status: CancelPolicyResult['refundStatus'];
  terms_kind: ProductTerms['kind'];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 退保 before cover starts, with the full premium refunded through WeChat Pay (compliance.md row 7).
 * One transaction: the flight (if any) and the policy are locked — the flight first, as the
 * flight-status feed does, so a cancellation and a flight's settlement never interleave — the rule
 * is checked on the business clock, the policy is cancelled (so no claim can be made on it), its
 * capacity is released, and a refund of the order is recorded and its job enqueued. The refund job
 * and the REFUND.* notification are the automatic refund's path: the order turns `refunded` when
 * WeChat Pay says so. A repeated request changes nothing and reports the first one.
 */
@Injectable()
export class CancelPolicyUseCase {
  private readonly logger = new Logger('CancelPolicy');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly closeClaim: CloseClaimOnCancellationUseCase,
  ) {}

  /**
   * `alsoInTransaction` runs inside the cancelling transaction once the policy is cancelled (staff
   * actions write their audit row there, so the action and its record commit together).
   */
  async execute(
    command: CancelPolicyCommand,
    alsoInTransaction?: (tx: Transaction, result: CancelPolicyResult) => Promise<void>,
  ): Promise<CancelPolicyResult> {
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      const byId = UUID.test(command.policy);
      const [found] = (await manager.query(
        `SELECT id, flight_id, customer_id FROM policies WHERE ${byId ? 'id = $1::uuid' : 'policy_no = $1'}`,
        [command.policy],
      )) as { id: string; flight_id: string | null; customer_id: string }[];
      // Someone else's policy is "not found", as everywhere a customer reads policies.
      if (!found || (command.initiatedBy.kind === 'customer' && found.customer_id !== command.initiatedBy.customerId)) {
        throw new AppException('POLICY_NOT_FOUND');
      }
      const flight = found.flight_id
        ? (
            (await manager.query(`SELECT status, actual_departure FROM flights WHERE id = $1 FOR UPDATE`, [
              found.flight_id,
            ])) as {
              status: 'scheduled' | 'delayed' | 'departed' | 'arrived' | 'cancelled' | 'diverted';
              actual_departure: Date | null;
            }[]
          )[0]!
        : null;
      const [policy] = (await manager.query(
        `SELECT p.id, p.policy_no, p.status, p.customer_id, p.order_id, p.flight_id, p.place_code, p.units, p.payout_fen, p.cover_start,
                to_char(p.cover_end_date, 'YYYY-MM-DD') AS cover_end_date, o.amount_fen AS order_amount_fen, o.order_no,
                EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id AND (c.amount_fen > 0 OR c.status = 'manual_review')) AS has_payable_claim,
                r.refund_no, r.amount_fen AS refund_fen, r.status AS refund_status, v.terms ->> 'kind' AS terms_kind
           FROM policies p JOIN orders o ON o.id = p.order_id JOIN product_versions v ON v.id = p.product_version_id
           LEFT JOIN refunds r ON r.order_id = o.id
          WHERE p.id = $1 FOR UPDATE OF p, o`,
        [found.id],
      )) as PolicyRow[];
      if (!policy) throw new AppException('POLICY_NOT_FOUND');
      if (policy.status === 'cancelled') {
        return {
          policyNo: policy.policy_no,
          orderNo: policy.order_no,
          outcome: 'already_cancelled',
          refundNo: policy.refund_no,
          refundFen: policy.refund_fen ?? 0,
          refundStatus: policy.refund_status,
        };
      }
      const now = this.clock.now();
      const verdict = cancellationVerdict(
        {
          status: policy.status,
          coverStart: policy.cover_start,
          flight: flight ? { status: flight.status, actualDeparture: flight.actual_departure } : null,
          hasPayableClaim: policy.has_payable_claim,
        },
        now,
      );
      if (!verdict.ok) throw new AppException(verdict.code);
      assertPolicyTransition(policy.status, 'cancelled');
      // An active policy's order was issued (policies are only written with their order issued).
      assertOrderTransition('issued', 'refunding');

      const reason = REFUND_REASONS[command.initiatedBy.kind];
      const actorId =
        command.initiatedBy.kind === 'customer' ? command.initiatedBy.customerId : command.initiatedBy.staffId;
      await manager.query(
        `UPDATE policies SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, cancelled_by_id = $4, cancel_reason = $5 WHERE id = $1`,
        [policy.id, now, command.initiatedBy.kind, actorId, command.reason?.trim() || null],
      );
      await this.releaseCapacity(tx, policy);
      // HEAT37 opens its one claim at 0 with the policy; a cancelled policy's claim is closed unpaid.
      await this.closeClaim.execute(tx, policy.id, now);

      const [{ seq }] = (await manager.query(`SELECT nextval('refund_no_seq') AS seq`)) as { seq: string }[];
      const refundNo = makeBusinessNumber('R', now, BigInt(seq!));
      await manager.query(
        `UPDATE orders SET status = 'refunding', refund_reason = $2, updated_at = now() WHERE id = $1`,
        [policy.order_id, reason],
      );
      const [refund] = (await manager.query(
        `INSERT INTO refunds (refund_no, order_id, amount_fen, reason) VALUES ($1, $2, $3, $4) RETURNING id`,
        [refundNo, policy.order_id, policy.order_amount_fen, reason],
      )) as { id: string }[];
      await tx.enqueue(ORDER_QUEUES.refund, { refundId: refund!.id }, { singletonKey: refund!.id });
      const result: CancelPolicyResult = {
        policyNo: policy.policy_no,
        orderNo: policy.order_no,
        outcome: 'cancelled',
        refundNo,
        refundFen: policy.order_amount_fen,
        refundStatus: 'pending',
      };
      await alsoInTransaction?.(tx, result);
      this.logger.log(
        { policyNo: policy.policy_no, refundNo, initiatedBy: command.initiatedBy.kind },
        'policy cancelled before cover',
      );
      return result;
    });
  }

  /** The cover sold is given back to the flight's (or the place's period's) capacity. */
  private async releaseCapacity(tx: Transaction, policy: PolicyRow): Promise<void> {
    if (policy.flight_id) {
      await tx.manager.query(`UPDATE flights SET sold_sum_insured_fen = sold_sum_insured_fen - $2 WHERE id = $1`, [
        policy.flight_id,
        policy.payout_fen,
      ]);
      return;
    }
    if (!policy.place_code || !policy.cover_end_date) return;
    // The period the kind counts the place's capacity in at issue (HEAT37 a season, RAIN a visit day).
    const rules = productKindOfTerms({ kind: policy.terms_kind }).place;
    if (!rules) throw new Error(`policy ${policy.policy_no} names a place but its terms are not sold per place`);
    const period = rules.capacityPeriod(policy.cover_end_date);
    await tx.manager.query(`UPDATE weather_capacity SET sold = sold - $3 WHERE place_code = $1 AND period = $2`, [
      policy.place_code,
      period,
      policy.units,
    ]);
  }
}
