import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ClaimRepository, type ClaimBillOutcome } from './claim.repository.js';

export type { ClaimBillOutcome } from './claim.repository.js';

/**
 * How payout changes a claim: the payout module owns transfer bills, the claim module owns claims,
 * so payout asks here, inside its own transaction, for each change a bill makes to its claim.
 */
@Injectable()
export class ChangeClaimPayoutUseCase {
  constructor(private readonly claims: ClaimRepository) {}

  /** A bill's new state reaches its claim (offered, paid, failed, expired); the claim's number and status if it changed. */
  applyBillOutcome(
    tx: Pick<Transaction, 'manager'>,
    outcome: ClaimBillOutcome,
  ): Promise<{ claimNo: string; status: string } | null> {
    return this.claims.applyBillOutcome(tx.manager, outcome);
  }

  /** 拆红包 opened attempt n + 1 (the previous bill ended unpaid). */
  startAttempt(tx: Pick<Transaction, 'manager'>, claimId: string, attempt: number): Promise<void> {
    return this.claims.startPayoutAttempt(tx.manager, claimId, attempt);
  }

  /** Staff re-offered the red packet under attempt n + 1: the claim is collectable again and its message due. */
  reoffer(tx: Pick<Transaction, 'manager'>, claimId: string, attempt: number): Promise<void> {
    return this.claims.reofferPayout(tx.manager, claimId, attempt);
  }
}
