import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { PolicyRepository } from './policy.repository.js';

/**
 * A policy ends (`claimed` when it earned something, else `expired`) when its claims are decided
 * (flight and RAIN settlement, a manual review) or its cover is over (the weather sweep). The
 * caller decides when and calls this in its transaction.
 */
@Injectable()
export class CloseEndedCoverUseCase {
  constructor(private readonly policies: PolicyRepository) {}

  /** Weather policies: RAIN after its visit day (before `today`), HEAT37 once its season ended before `heatClosesBefore`. */
  weather(tx: Pick<Transaction, 'manager'>, today: string, heatClosesBefore: string): Promise<number> {
    return this.policies.closeEndedWeatherCover(tx.manager, today, heatClosesBefore);
  }

  /** Claims decided these policies: `claimed` when a claim was approved, `expired` when the rule did not pay. */
  afterClaims(
    tx: Pick<Transaction, 'manager'>,
    decided: { claimed: string[]; expired: string[] },
  ): Promise<{ claimed: number; expired: number }> {
    return this.policies.closeForClaims(tx.manager, decided.claimed, decided.expired);
  }
}
