import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ClaimRepository, type HeatClaimToOpen } from './claim.repository.js';

export type { HeatClaimToOpen } from './claim.repository.js';

/**
 * Issuing a HEAT37 policy opens its one claim, at 0, in the issuing transaction (order settlement
 * calls this right after the policy module has issued the policy); hot days then grow it.
 */
@Injectable()
export class OpenHeatClaimsUseCase {
  constructor(private readonly claims: ClaimRepository) {}

  execute(tx: Pick<Transaction, 'manager'>, rows: HeatClaimToOpen[], at: Date): Promise<void> {
    return this.claims.openHeatClaims(tx.manager, rows, at);
  }
}
