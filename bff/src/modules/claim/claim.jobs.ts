import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { CLAIM_QUEUES } from './claim.queues.js';
import { NotifyApprovedClaimsUseCase } from './notify-approved-claims.use-case.js';
import { OpenManualReviewsUseCase } from './open-manual-reviews.use-case.js';

/** The claim module's queues: thin handlers that call use cases. */
@Injectable()
export class ClaimJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly notify: NotifyApprovedClaimsUseCase,
    private readonly manualReviews: OpenManualReviewsUseCase,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: CLAIM_QUEUES.notifyApproved, retryLimit: 5, retryDelay: 30, retryBackoff: true });
    this.jobs.define({ name: CLAIM_QUEUES.openManualReviews, retryLimit: 0, expireInSeconds: 300 });
    this.jobs.handle<{ claimIds: string[] }>(CLAIM_QUEUES.notifyApproved, async ({ claimIds }) => {
      await this.notify.execute(claimIds);
    });
    this.jobs.handle(CLAIM_QUEUES.openManualReviews, async () => {
      await this.manualReviews.execute();
    });
    this.jobs.onBoot(() => this.jobs.schedule(CLAIM_QUEUES.openManualReviews, '* * * * *'));
  }
}
