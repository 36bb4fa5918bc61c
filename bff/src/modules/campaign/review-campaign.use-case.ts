import { Injectable, Logger } from '@nestjs/common';
import type { StaffCampaign, StaffCampaignReview } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { assertCompliant } from './campaign-compliance.guard.js';
import { CampaignRepository, toStaffCampaign } from './campaign.repository.js';

/**
 * An admin decides a campaign in review. Approve runs the compliance check again, publishes and
 * archives this version immutably (可回溯); reject sends it back to draft with the reason.
 */
@Injectable()
export class ReviewCampaignUseCase {
  private readonly logger = new Logger('ReviewCampaign');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly campaigns: CampaignRepository,
    private readonly audit: StaffAudit,
  ) {}

  execute(staff: AuthenticatedStaff, id: string, review: StaffCampaignReview): Promise<StaffCampaign> {
    return this.unitOfWork.run(async ({ manager }) => {
      const existing = await this.campaigns.find(id, manager, true);
      if (!existing) throw new AppException('CAMPAIGN_NOT_FOUND');
      if (existing.status !== 'in_review')
        throw new AppException('CAMPAIGN_STATUS_CONFLICT', { status: existing.status });
      const submittedBy = await this.campaigns.lastSubmitter(id, manager);
      let row;
      if (review.decision === 'approve') {
        assertCompliant(existing.definition);
        row = await this.campaigns.move(id, ['in_review'], 'published', staff.username, manager, {
          publishVersion: true,
          rejectionReason: null,
        });
        await this.campaigns.archive(existing, submittedBy, staff.username, manager);
        this.logger.log({ campaignId: id, version: existing.version }, 'campaign published');
      } else {
        row = await this.campaigns.move(id, ['in_review'], 'draft', staff.username, manager, {
          rejectionReason: review.reason,
        });
      }
      await this.audit.record(
        staff,
        {
          action: `campaign_${review.decision}`,
          resourceType: 'campaign',
          resourceId: id,
          detail: { reason: review.reason, version: existing.version },
        },
        manager,
      );
      return toStaffCampaign(row!);
    });
  }
}
