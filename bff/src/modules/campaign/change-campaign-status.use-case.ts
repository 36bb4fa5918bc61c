import { Injectable } from '@nestjs/common';
import type { CampaignStatus, StaffCampaign } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { assertCompliant } from './campaign-compliance.guard.js';
import { CampaignRepository, toStaffCampaign } from './campaign.repository.js';

export type CampaignStatusChange = 'pause' | 'resume' | 'end';

const MOVES: Record<CampaignStatusChange, { from: CampaignStatus[]; to: CampaignStatus }> = {
  pause: { from: ['published'], to: 'paused' },
  resume: { from: ['paused'], to: 'published' },
  end: { from: ['published', 'paused'], to: 'ended' },
};

/** Admin: pause, resume (the archived version is checked again) or end a published campaign. */
@Injectable()
export class ChangeCampaignStatusUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly campaigns: CampaignRepository,
    private readonly audit: StaffAudit,
  ) {}

  execute(staff: AuthenticatedStaff, id: string, change: CampaignStatusChange): Promise<StaffCampaign> {
    return this.unitOfWork.run(async ({ manager }) => {
      const existing = await this.campaigns.find(id, manager, true);
      if (!existing) throw new AppException('CAMPAIGN_NOT_FOUND');
      const move = MOVES[change];
      if (!move.from.includes(existing.status))
        throw new AppException('CAMPAIGN_STATUS_CONFLICT', { status: existing.status });
      if (change === 'resume') assertCompliant(existing.definition);
      const row = await this.campaigns.move(id, move.from, move.to, staff.username, manager);
      await this.audit.record(
        staff,
        { action: `campaign_${change}`, resourceType: 'campaign', resourceId: id },
        manager,
      );
      return toStaffCampaign(row!);
    });
  }
}
