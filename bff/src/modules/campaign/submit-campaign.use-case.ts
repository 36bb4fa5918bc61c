import { Injectable } from '@nestjs/common';
import type { StaffCampaign } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { assertCompliant } from './campaign-compliance.guard.js';
import { CampaignRepository, toStaffCampaign } from './campaign.repository.js';

/** Draft → in review, only if the compliance check passes (the refusal names each broken rule). */
@Injectable()
export class SubmitCampaignUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly campaigns: CampaignRepository,
    private readonly audit: StaffAudit,
  ) {}

  async execute(staff: AuthenticatedStaff, id: string): Promise<StaffCampaign> {
    const outcome: StaffCampaign | AppException = await this.unitOfWork.run(
      async ({ manager }): Promise<StaffCampaign | AppException> => {
        const existing = await this.campaigns.find(id, manager, true);
        if (!existing) throw new AppException('CAMPAIGN_NOT_FOUND');
        if (existing.status !== 'draft')
          throw new AppException('CAMPAIGN_STATUS_CONFLICT', { status: existing.status });
        try {
          assertCompliant(existing.definition);
        } catch (error) {
          if (error instanceof AppException) return error;
          throw error;
        }
        const row = await this.campaigns.move(id, ['draft'], 'in_review', staff.username, manager, {
          rejectionReason: null,
        });
        await this.audit.record(
          staff,
          { action: 'campaign_submit', resourceType: 'campaign', resourceId: id },
          manager,
        );
        return toStaffCampaign(row!);
      },
    );
    if (outcome instanceof AppException) {
      // The refusal itself is part of the trail: who submitted what, and which rules it broke.
      await this.audit.record(staff, {
        action: 'campaign_submit_refused',
        resourceType: 'campaign',
        resourceId: id,
        detail: outcome.details as Record<string, unknown>,
      });
      throw outcome;
    }
    return outcome;
  }
}
