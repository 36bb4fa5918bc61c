import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception.js';
import { GetPolicyDocumentUseCase } from '../policy/document/get-policy-document.use-case.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

/** The e-policy exactly as its owner gets it, opened by customer service (audited: it names the insured). */
@Injectable()
export class GetPolicyDocumentForStaffUseCase {
  constructor(
    private readonly documents: GetPolicyDocumentUseCase,
    private readonly repository: Customer360Repository,
    private readonly audit: DeskAudit,
  ) {}

  async execute(staff: AuthenticatedStaff, policyNo: string): Promise<Buffer> {
    const customerId = await this.repository.policyOwner(policyNo);
    if (!customerId) throw new AppException('POLICY_NOT_FOUND');
    await this.audit.record(staff, {
      action: 'policy_document',
      resourceType: 'policy',
      resourceId: policyNo,
      customerId,
      policyNo,
    });
    return this.documents.execute(customerId, policyNo);
  }
}
