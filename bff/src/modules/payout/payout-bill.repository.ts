import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { ChangeClaimPayoutUseCase } from '../claim/change-claim-payout.use-case.js';

export interface PayoutBillRow {
  out_bill_no: string;
  claim_id: string;
  attempt: number;
  amount_fen: number;
  state: string;
  claim_no: string;
  product_version_id: string;
  openid: string;
}

export interface BillStateUpdate {
  outBillNo: string;
  state: string;
  transferBillNo?: string | undefined;
  failReason?: string | undefined;
}

/**
 * Transfer bills and what their states mean for the claim. Final states are sticky (a late answer
 * never reopens a paid or failed bill; an abandoned one only moves on SUCCESS, which would mean it
 * was paid after all); a bill only moves its claim while it is the claim's current attempt, except
 * SUCCESS, which always means paid.
 */
@Injectable()
export class PayoutBillRepository {
  private readonly logger = new Logger('PayoutBills');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly claims: ChangeClaimPayoutUseCase,
  ) {}

  async find(outBillNo: string, manager: EntityManager = this.dataSource.manager): Promise<PayoutBillRow | undefined> {
    const rows = (await manager.query(
      `SELECT b.out_bill_no, b.claim_id, b.attempt, b.amount_fen, b.state, c.claim_no, c.product_version_id, cu.openid
         FROM payout_bills b JOIN claims c ON c.id = b.claim_id JOIN customers cu ON cu.id = c.customer_id
        WHERE b.out_bill_no = $1`,
      [outBillNo],
    )) as PayoutBillRow[];
    return rows[0];
  }

  /**
   * Returns the claim's new status when it changed (e.g. 'paid'), else null. The bill and its claim
   * change together: in the caller's transaction, or in one of their own when none is given.
   */
  async applyState(
    update: BillStateUpdate,
    manager?: EntityManager,
  ): Promise<{ claimNo: string; status: string } | null> {
    if (!manager) return this.dataSource.transaction((own) => this.applyState(update, own));
    const at = this.clock.now();
    const bills = rowsOf<{ claim_id: string; attempt: number; amount_fen: number }>(
      await manager.query(
        `UPDATE payout_bills
            SET state = $2::varchar, transfer_bill_no = coalesce($3::varchar, transfer_bill_no), fail_reason = coalesce($4::varchar, fail_reason), updated_at = now(),
                finished_at = CASE WHEN $2::varchar IN ('SUCCESS', 'FAIL', 'CANCELLED') THEN $5::timestamptz ELSE finished_at END
          WHERE out_bill_no = $1 AND state NOT IN ('SUCCESS', 'FAIL', 'CANCELLED') AND (state <> 'ABANDONED' OR $2::varchar = 'SUCCESS')
         RETURNING claim_id, attempt, amount_fen`,
        // Business times (finished, offered, paid) on the one business clock; updated_at stays the machine's.
        [update.outBillNo, update.state, update.transferBillNo ?? null, update.failReason ?? null, at],
      ),
    );
    const bill = bills[0];
    if (!bill) return null;
    // The claim module changes the claim (its status, what is paid) for the bill's new state.
    const changed = await this.claims.applyBillOutcome(
      { manager },
      { claimId: bill.claim_id, attempt: bill.attempt, amountFen: bill.amount_fen, state: update.state, at },
    );
    if (changed?.status === 'paid')
      this.logger.log({ claimNo: changed.claimNo, outBillNo: update.outBillNo }, 'claim paid');
    return changed;
  }

  /** WeChat's answer to a failed creation call: the code, and whether the same request may be retried. */
  async recordError(outBillNo: string, error: { code: string; message: string; retryable: boolean }): Promise<void> {
    await this.dataSource.query(
      `UPDATE payout_bills SET last_error = left($2::text, 256), last_error_code = left($3::text, 48), last_error_retryable = $4,
              create_calls = create_calls + 1, updated_at = now()
        WHERE out_bill_no = $1`,
      [outBillNo, error.message, error.code, error.retryable],
    );
  }

  /**
   * A bill WeChat refused as malformed and does not hold is given up (`ABANDONED`), so that the
   * claim can be collected again under the next number. Only a bill untouched since `untouchedSince`
   * (no 拆 in flight) is abandoned; a SUCCESS reported later would still count as paid.
   */
  async abandon(outBillNo: string, untouchedSince: Date): Promise<boolean> {
    const rows = rowsOf<{ out_bill_no: string }>(
      await this.dataSource.query(
        `UPDATE payout_bills SET state = 'ABANDONED', finished_at = now(), updated_at = now()
          WHERE out_bill_no = $1 AND state = 'CREATING' AND last_error_retryable = false AND updated_at < $2
          RETURNING out_bill_no`,
        [outBillNo, untouchedSince],
      ),
    );
    if (rows.length > 0)
      this.logger.warn({ outBillNo }, 'transfer bill abandoned: WeChat refused it and holds no such bill');
    return rows.length > 0;
  }
}
