import { Injectable } from '@nestjs/common';
import { complaintDeadline } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { ComplaintRepository } from './complaint.repository.js';

/** A recorded extension moves the deadline to 60 days after acceptance — once, with its reason. */
@Injectable()
export class ExtendComplaintUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly complaints: ComplaintRepository,
    private readonly audit: StaffAudit,
  ) {}

  async execute(input: { complaintId: string; staff: AuthenticatedStaff; reason: string }): Promise<void> {
    await this.uow.run(async (tx) => {
      const complaint = await this.complaints.find(input.complaintId, tx.manager, { lock: true });
      if (!complaint) throw new AppException('COMPLAINT_NOT_FOUND');
      if (complaint.closed_at) throw new AppException('COMPLAINT_CLOSED');
      if (complaint.extended_at) throw new AppException('COMPLAINT_ALREADY_EXTENDED');
      const deadline = complaintDeadline(new Date(complaint.accepted_at), 'extended');
      // A new deadline deserves a new reminder.
      await tx.manager.query(
        `UPDATE support_complaints SET extension_reason = $2, extended_at = now(), extended_by = $3, deadline = $4, reminded_at = NULL WHERE id = $1`,
        [complaint.id, input.reason, input.staff.staffUserId, deadline],
      );
      await this.audit.record(
        input.staff,
        {
          action: 'complaint_extend',
          resourceType: 'complaint',
          resourceId: complaint.id,
          detail: { reason: input.reason, deadline: deadline.toISOString() },
        },
        tx.manager,
      );
    });
  }
}
