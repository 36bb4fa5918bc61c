import { Injectable } from '@nestjs/common';
import type { RainClaimEvidence } from '@xiaoan/shared';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ClaimRepository } from './claim.repository.js';

/**
 * RAIN settlement (the weather module decides that a spot-day's rain met its rule) asks here for the
 * claims: one approved claim per insured person of every active policy of that spot, day and
 * version, in the settlement's transaction. Returns the new claims and their policies.
 */
@Injectable()
export class ApproveRainClaimsUseCase {
  constructor(private readonly claims: ClaimRepository) {}

  approve(
    tx: Pick<Transaction, 'manager'>,
    rain: {
      placeCode: string;
      day: string;
      productVersionId: string;
      evidence: Omit<RainClaimEvidence, 'persons'>;
      at: Date;
    },
  ): Promise<{ claimIds: string[]; policyIds: string[] }> {
    return this.claims.approveRainClaims(tx.manager, rain);
  }
}
