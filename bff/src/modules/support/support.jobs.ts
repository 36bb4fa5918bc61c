import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { DeliverReplyUseCase } from './deliver-reply.use-case.js';
import { IngestCsMessageUseCase } from './ingest-cs-message.use-case.js';
import { SUPPORT_QUEUES } from './support.queues.js';
import { SweepComplaintDeadlinesUseCase } from './sweep-complaint-deadlines.use-case.js';

/** The support module's queues: thin handlers that call use cases. */
@Injectable()
export class SupportJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly ingest: IngestCsMessageUseCase,
    private readonly deliver: DeliverReplyUseCase,
    private readonly sweep: SweepComplaintDeadlinesUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: SUPPORT_QUEUES.ingestPush, retryLimit: 10, retryDelay: 2, retryBackoff: true });
    this.jobs.define({ name: SUPPORT_QUEUES.deliverReply, retryLimit: 10, retryDelay: 1, retryBackoff: true });
    this.jobs.define({ name: SUPPORT_QUEUES.complaintSweep, retryLimit: 0, expireInSeconds: 300 });
    // A small batch: each job holds a pooled connection for its transaction, and the pushes being
    // answered (WeChat waits at most 5 s) need connections more than the backlog does.
    this.jobs.handle<{ dedupeKey: string }>(SUPPORT_QUEUES.ingestPush, async ({ dedupeKey }) => this.ingest.execute(dedupeKey), 4);
    this.jobs.handle<{ messageId: string }>(SUPPORT_QUEUES.deliverReply, async ({ messageId }) => this.deliver.execute(messageId));
    this.jobs.handle(SUPPORT_QUEUES.complaintSweep, async () => {
      await this.sweep.execute();
    });
    const schedule = this.config.raw.COMPLAINT_SWEEP_SCHEDULE;
    if (schedule !== 'off') this.jobs.onBoot(() => this.jobs.schedule(SUPPORT_QUEUES.complaintSweep, schedule));
  }
}
