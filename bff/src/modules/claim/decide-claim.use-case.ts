import { Injectable, Logger } from '@nestjs/common';
import { assertClaimTransition, type ClaimStatus, type StaffClaimDecision } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { CloseEndedCoverUseCase } from '../policy/close-ended-cover.use-case.js';
import { CLAIM_QUEUES } from './claim.queues.js';
import { isUuid } from './claim.queries.js';

export interface ClaimDecisionCommand extends StaffClaimDecision {
  claimId: string;
  /** Who decided (a staff username); kept on the claim. */
  decidedBy: string;
}

/**
 * Customer service decides a claim of the manual-review queue. Approval pays the policy's fixed
 * amount (the claim's amount) and notifies like an automatic approval; rejection keeps the reason,
 * which the customer reads. `alsoInTransaction` lets the caller audit in the same transaction.
 */
@Injectable()
export class DecideClaimUseCase {
  private readonly logger = new Logger('DecideClaim');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly closePolicies: CloseEndedCoverUseCase,
  ) {}

  async execute(
    command: ClaimDecisionCommand,
    alsoInTransaction?: (tx: Transaction) => Promise<void>,
  ): Promise<{ status: 'approved' | 'rejected'; claimNo: string }> {
    if (!isUuid(command.claimId)) throw new AppException('CLAIM_NOT_FOUND');
    return this.unitOfWork.run(async (tx) => {
      const [claim] = (await tx.manager.query(
        `SELECT id, claim_no, status, policy_id FROM claims WHERE id = $1 FOR UPDATE`,
        [command.claimId],
      )) as {
        id: string;
        claim_no: string;
        status: ClaimStatus;
        policy_id: string;
      }[];
      if (!claim) throw new AppException('CLAIM_NOT_FOUND');
      if (claim.status !== 'manual_review') throw new AppException('CLAIM_NOT_IN_REVIEW', { status: claim.status });
      const approve = command.decision === 'approve';
      assertClaimTransition(claim.status, approve ? 'approved' : 'rejected');
      await tx.manager.query(
        `UPDATE claims SET status = $2::varchar, decided_by = $3, updated_at = $5,
                approved_at = CASE WHEN $2::varchar = 'approved' THEN $5::timestamptz END,
                rejected_reason = CASE WHEN $2::varchar = 'rejected' THEN $4::text END,
                evidence = evidence || jsonb_build_object('decisionReason', $4::text)
          WHERE id = $1`,
        [claim.id, approve ? 'approved' : 'rejected', command.decidedBy, command.reason, this.clock.now()],
      );
      await this.closePolicies.afterClaims(
        tx,
        approve ? { claimed: [claim.policy_id], expired: [] } : { claimed: [], expired: [claim.policy_id] },
      );
      if (approve) await tx.enqueue(CLAIM_QUEUES.notifyApproved, { claimIds: [claim.id] });
      await alsoInTransaction?.(tx);
      this.logger.log(
        { claimNo: claim.claim_no, decision: command.decision, decidedBy: command.decidedBy },
        'manual-review claim decided',
      );
      return { status: approve ? 'approved' : 'rejected', claimNo: claim.claim_no };
    });
  }
}
