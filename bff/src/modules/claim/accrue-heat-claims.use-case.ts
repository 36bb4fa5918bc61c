import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ClaimRepository, type HeatAccrualSlice } from './claim.repository.js';

export type { HeatAccrualSlice } from './claim.repository.js';

/** What one slice accrued: accrual rows written (a replay writes none), their fen, claims opened by them. */
export interface HeatSliceAccrued {
  accruals: number;
  accruedFen: number;
  /** Claims that were still at 0 and now pay something. */
  opened: number;
}

/**
 * HEAT37's hot day grows the claims (the weather module decided the day and counted each cover's
 * hot days): one slice of the policies per call, in the caller's transaction, as one set-based
 * statement that writes the slice's accruals and grows their claims (products.md §2: "not a loop
 * of single-row transactions").
 */
@Injectable()
export class AccrueHeatClaimsUseCase {
  constructor(private readonly claims: ClaimRepository) {}

  async slice(tx: Pick<Transaction, 'manager'>, slice: HeatAccrualSlice): Promise<HeatSliceAccrued> {
    const row = await this.claims.accrueHeatSlice(tx.manager, slice);
    // Every heat policy is issued with its claim; a missing one would be a bug, never a lost payment.
    if (row.grown !== row.paying)
      throw new Error(
        `heat settlement ${slice.placeCode} ${slice.day}: ${row.paying} paying accruals but ${row.grown} claims grown`,
      );
    return { accruals: row.accruals, accruedFen: Number(row.fen), opened: row.opened };
  }
}
