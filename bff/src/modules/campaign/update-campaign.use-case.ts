import { Injectable } from '@nestjs/common';
import type { CampaignDefinition, StaffCampaign } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { CampaignRepository, toStaffCampaign } from './campaign.repository.js';

/** A draft (new, or sent back by review) is rewritten; anything past draft is frozen. */
@Injectable()
export class UpdateCampaignUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly campaigns: CampaignRepository,
    private readonly audit: StaffAudit,
  ) {}

  execute(staff: AuthenticatedStaff, id: string, definition: CampaignDefinition): Promise<StaffCampaign> {
    return this.unitOfWork.run(async ({ manager }) => {
      const existing = await this.campaigns.find(id, manager, true);
      if (!existing) throw new AppException('CAMPAIGN_NOT_FOUND');
      const row = await this.campaigns.updateDraft(id, definition, staff.username, manager);
      if (!row) throw new AppException('CAMPAIGN_STATUS_CONFLICT', { status: existing.status });
      await this.audit.record(staff, { action: 'campaign_update', resourceType: 'campaign', resourceId: id }, manager);
      return toStaffCampaign(row);
    });
  }
}
