import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StaffPayoutProblem } from '@xiaoan/shared';

interface ProblemRow {
  out_bill_no: string;
  claim_id: string;
  claim_no: string;
  attempt: number;
  amount_fen: number;
  state: 'CREATING' | 'ABANDONED';
  last_error_code: string | null;
  last_error: string | null;
  last_error_retryable: boolean | null;
  create_calls: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * Transfer bills WeChat did not create as asked (support's money desk): still `CREATING` after an
 * error, or abandoned after a non-retryable one. Non-retryable first, newest first.
 */
@Injectable()
export class ListPayoutProblemsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(limit: number): Promise<StaffPayoutProblem[]> {
    const rows = (await this.dataSource.query(
      `SELECT b.out_bill_no, b.claim_id, c.claim_no, b.attempt, b.amount_fen, b.state, b.last_error_code, b.last_error,
              b.last_error_retryable, b.create_calls, b.created_at, b.updated_at
         FROM payout_bills b JOIN claims c ON c.id = b.claim_id
        WHERE b.state = 'ABANDONED' OR (b.state = 'CREATING' AND b.last_error_code IS NOT NULL)
        ORDER BY (b.last_error_retryable IS FALSE) DESC, b.updated_at DESC LIMIT $1`,
      [limit],
    )) as ProblemRow[];
    return rows.map((row) => ({
      outBillNo: row.out_bill_no,
      claimId: row.claim_id,
      claimNo: row.claim_no,
      attempt: row.attempt,
      amountFen: row.amount_fen,
      state: row.state,
      errorCode: row.last_error_code,
      error: row.last_error,
      retryable: row.last_error_retryable,
      createCalls: row.create_calls,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }));
  }
}
