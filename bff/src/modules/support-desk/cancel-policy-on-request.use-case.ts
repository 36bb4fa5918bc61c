import { Injectable } from '@nestjs/common';
import type { CancelPolicyResponse } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { CancelPolicyUseCase } from '../policy/cancel-policy.use-case.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

/**
 * Customer service cancels a policy before cover on the customer's behalf: the very use case the
 * customer's own 退保 runs (one rule, shared/rules/policy-cancellation.ts), with the agent's reason
 * audited in the cancelling transaction.
 */
@Injectable()
export class CancelPolicyOnRequestUseCase {
  constructor(
    private readonly cancel: CancelPolicyUseCase,
    private readonly repository: Customer360Repository,
    private readonly audit: DeskAudit,
  ) {}

  async execute(staff: AuthenticatedStaff, policyNo: string, reason: string): Promise<CancelPolicyResponse> {
    const customerId = await this.repository.policyOwner(policyNo);
    if (!customerId) throw new AppException('POLICY_NOT_FOUND');
    const result = await this.cancel.execute(
      { policy: policyNo, initiatedBy: { kind: 'staff', staffId: staff.staffUserId }, reason },
      (tx, cancelled) =>
        this.audit.record(
          staff,
          {
            action: 'policy_cancel',
            resourceType: 'policy',
            resourceId: policyNo,
            customerId,
            policyNo,
            reason,
            detail: { refundNo: cancelled.refundNo, amountFen: cancelled.refundFen },
          },
          tx.manager,
        ),
    );
    return {
      policyNo: result.policyNo,
      orderNo: result.orderNo,
      policyStatus: 'cancelled',
      refundNo: result.refundNo ?? '',
      refundStatus: result.refundStatus ?? 'pending',
      amountFen: result.refundFen,
      cancelled: result.outcome === 'cancelled',
    };
  }
}
