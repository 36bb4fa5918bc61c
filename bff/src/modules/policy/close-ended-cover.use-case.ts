import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { PolicyRepository } from './policy.repository.js';

/**
 * Cover that is over ends its policy (`claimed` when it earned something, else `expired`). The
 * weather sweep decides when (its settlement calendar) and calls this in its transaction.
 */
@Injectable()
export class CloseEndedCoverUseCase {
  constructor(private readonly policies: PolicyRepository) {}

  /** Weather policies: RAIN after its visit day (before `today`), HEAT37 once its season ended before `heatClosesBefore`. */
  weather(tx: Pick<Transaction, 'manager'>, today: string, heatClosesBefore: string): Promise<number> {
    return this.policies.closeEndedWeatherCover(tx.manager, today, heatClosesBefore);
  }
}
