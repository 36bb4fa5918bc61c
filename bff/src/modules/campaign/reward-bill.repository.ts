import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../../core/database/rows-of.js';

export interface RewardBillRow {
  out_bill_no: string;
  reward_id: string;
  attempt: number;
  amount_fen: number;
  state: string;
  openid: string;
  campaign_name: string;
}

/** The transfer bill number of a reward's n-th attempt: derived, never random, so a retry cannot pay twice. */
export const rewardOutBillNoOf = (rewardId: string, attempt: number): string => {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  const outBillNo = `CR${rewardId.replace(/-/g, '').slice(0, 24).toUpperCase()}A${attempt}`;
  if (!/^[A-Za-z0-9]{1,32}$/.test(outBillNo)) throw new RangeError(`not a valid out_bill_no: ${outBillNo}`);
  return outBillNo;
};
export const isRewardOutBillNo = (outBillNo: string): boolean => /^CR[0-9A-F]{24}A\d+$/.test(outBillNo);

/**
 * Reward transfer bills and what their states mean for the reward: final states are sticky;
 * SUCCESS pays the reward; FAIL / CANCELLED of its current attempt make it collectable again.
 */
@Injectable()
export class RewardBillRepository {
  private readonly logger = new Logger('RewardBills');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(outBillNo: string, manager: EntityManager = this.dataSource.manager): Promise<RewardBillRow | undefined> {
    const rows = (await manager.query(
      `SELECT b.out_bill_no, b.reward_id::text, b.attempt, b.amount_fen, b.state, cu.openid, c.definition->>'name' AS campaign_name
         FROM campaign_reward_bills b JOIN campaign_rewards r ON r.id = b.reward_id
         JOIN customers cu ON cu.id = r.beneficiary_id JOIN campaigns c ON c.id = r.campaign_id
        WHERE b.out_bill_no = $1`,
      [outBillNo],
    )) as RewardBillRow[];
    return rows[0];
  }

  async applyState(
    update: { outBillNo: string; state: string; transferBillNo?: string | undefined; failReason?: string | undefined },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = rowsOf<{ status: string }>(
      await manager.query(
        `WITH bill AS (
           UPDATE campaign_reward_bills
              SET state = $2::varchar, transfer_bill_no = coalesce($3::varchar, transfer_bill_no), fail_reason = coalesce($4::varchar, fail_reason), updated_at = now(),
                  finished_at = CASE WHEN $2::varchar IN ('SUCCESS', 'FAIL', 'CANCELLED') THEN now() ELSE finished_at END
            WHERE out_bill_no = $1 AND state NOT IN ('SUCCESS', 'FAIL', 'CANCELLED')
           RETURNING reward_id, attempt)
         UPDATE campaign_rewards r
            SET status = CASE $2::varchar WHEN 'SUCCESS' THEN 'paid' WHEN 'FAIL' THEN 'pending' WHEN 'CANCELLED' THEN 'pending' ELSE 'paying' END,
                paid_at = CASE WHEN $2::varchar = 'SUCCESS' THEN now() ELSE r.paid_at END,
                updated_at = now()
           FROM bill
          WHERE r.id = bill.reward_id AND r.status <> 'paid' AND (bill.attempt = r.payout_attempt OR $2::varchar = 'SUCCESS')
         RETURNING r.status`,
        [update.outBillNo, update.state, update.transferBillNo ?? null, update.failReason ?? null],
      ),
    );
    if (rows[0]?.status === 'paid') this.logger.log({ outBillNo: update.outBillNo }, 'campaign reward paid');
    return rows[0]?.status ?? null;
  }

  async recordError(outBillNo: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaign_reward_bills SET last_error = left($2::text, 256), create_calls = create_calls + 1, updated_at = now() WHERE out_bill_no = $1`,
      [outBillNo, error],
    );
  }
}
