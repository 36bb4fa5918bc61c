import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { RewardRepository, type RewardRow } from './reward.repository.js';

/** Admin decides a reward held for risk: approve → pending (then payable after the hold); reject → its budget returns. */
@Injectable()
export class ReviewRewardUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rewards: RewardRepository,
    private readonly audit: StaffAudit,
  ) {}

  execute(
    staff: AuthenticatedStaff,
    id: string,
    decision: { decision: 'approve' | 'reject'; reason: string },
  ): Promise<RewardRow> {
    return this.unitOfWork.run(async ({ manager }) => {
      const row = await this.rewards.decide(
        id,
        decision.decision === 'approve',
        staff.username,
        decision.reason,
        manager,
      );
      if (!row) throw new AppException('CAMPAIGN_REWARD_NOT_FOUND');
      if (decision.decision === 'reject' && row.amount_fen > 0)
        await this.rewards.releaseBudget(row.campaign_id, row.amount_fen, manager);
      await this.audit.record(
        staff,
        {
          action: `campaign_reward_${decision.decision}`,
          resourceType: 'campaign_reward',
          resourceId: id,
          detail: { reason: decision.reason },
        },
        manager,
      );
      return row;
    });
  }
}
