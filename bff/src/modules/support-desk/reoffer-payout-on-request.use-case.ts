import { Injectable } from '@nestjs/common';
import type { ReofferPayoutRequest, ReofferPayoutResponse } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { isUuid } from '../claim/claim.queries.js';
import { ReofferPayoutUseCase } from '../payout/reoffer-payout.use-case.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

/** Customer service re-offers a red packet, the agent's reason audited in the re-offering transaction. */
@Injectable()
export class ReofferPayoutOnRequestUseCase {
  constructor(
    private readonly reoffer: ReofferPayoutUseCase,
    private readonly repository: Customer360Repository,
    private readonly audit: DeskAudit,
  ) {}

  async execute(
    staff: AuthenticatedStaff,
    claimId: string,
    request: ReofferPayoutRequest,
  ): Promise<ReofferPayoutResponse> {
    const owner = isUuid(claimId) ? await this.repository.claimOwner(claimId) : undefined;
    if (!owner) throw new AppException('CLAIM_NOT_FOUND');
    return this.reoffer.execute({ claimId, attempt: request.attempt, requestedBy: staff.username }, (tx, result) =>
      this.audit.record(
        staff,
        {
          action: 'payout_reoffer',
          resourceType: 'claim',
          resourceId: owner.claim_no,
          customerId: owner.customer_id,
          reason: request.reason,
          detail: {
            previousOutBillNo: result.previousOutBillNo,
            previousState: result.previousState,
            outBillNo: result.outBillNo,
          },
        },
        tx.manager,
      ),
    );
  }
}
