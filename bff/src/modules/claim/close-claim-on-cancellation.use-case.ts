import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ClaimRepository } from './claim.repository.js';

/**
 * A policy cancelled before its cover began (the policy module's 退保): HEAT37 opened its one claim
 * at 0 with the policy, and that claim is closed unpaid in the cancellation's transaction.
 */
@Injectable()
export class CloseClaimOnCancellationUseCase {
  constructor(private readonly claims: ClaimRepository) {}

  execute(tx: Pick<Transaction, 'manager'>, policyId: string, at: Date): Promise<void> {
    return this.claims.closeUnpaidOnCancellation(tx.manager, policyId, at);
  }
}
