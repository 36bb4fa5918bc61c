import { Injectable } from '@nestjs/common';
import type { CancelPolicyResponse } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { CancelPolicyBeforeCoverUseCase } from '../order/cancel-policy-before-cover.use-case.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.js';

/**
 * Customer service cancels a policy before cover on the customer's behalf (the same use case the
 * customer's self-service runs), with the agent's reason audited in the cancelling transaction.
 */
@Injectable()
export class CancelPolicyOnRequestUseCase {
  constructor(
    private readonly cancel: CancelPolicyBeforeCoverUseCase,
    private readonly repository: Customer360Repository,
    private readonly audit: DeskAudit,
  ) {}

  async execute(staff: AuthenticatedStaff, policyNo: string, reason: string): Promise<CancelPolicyResponse> {
    const customerId = await this.repository.policyOwner(policyNo);
    if (!customerId) throw new AppException('POLICY_NOT_FOUND');
    return this.cancel.execute({ policyNo, requestedBy: staff.username }, (tx, result) =>
      this.audit.record(
        staff,
        { action: 'policy_cancel', resourceType: 'policy', resourceId: policyNo, customerId, policyNo, reason, detail: { refundNo: result.refundNo, amountFen: result.amountFen } },
        tx.manager,
      ),
    );
  }
}
