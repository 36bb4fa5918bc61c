import { Injectable } from '@nestjs/common';
import type { CampaignDefinition, StaffCampaign } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { CampaignRepository, toStaffCampaign } from './campaign.repository.js';

/** Marketing writes a new campaign: a draft, checked only when it is submitted. */
@Injectable()
export class CreateCampaignUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly campaigns: CampaignRepository,
    private readonly audit: StaffAudit,
  ) {}

  execute(staff: AuthenticatedStaff, definition: CampaignDefinition): Promise<StaffCampaign> {
    return this.unitOfWork.run(async ({ manager }) => {
      const row = await this.campaigns.insert(definition, staff.username, manager);
      await this.audit.record(
        staff,
        { action: 'campaign_create', resourceType: 'campaign', resourceId: row.id },
        manager,
      );
      return toStaffCampaign(row);
    });
  }
}
