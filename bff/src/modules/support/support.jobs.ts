import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { DeliverReplyUseCase } from './deliver-reply.use-case.js';
import { IngestCsMessageUseCase } from './ingest-cs-message.use-case.js';
import { SUPPORT_QUEUES } from './support.queues.js';
import { SweepComplaintDeadlinesUseCase } from './sweep-complaint-deadlines.use-case.js';

/** The support module's queues: thin handlers that call use cases. */
@Injectable()
export class SupportJobs implements OnModuleInit {
  private readonly logger = new Logger('SupportJobs');

  constructor(
    private readonly jobs: JobQueue,
    private readonly ingest: IngestCsMessageUseCase,
    private readonly deliver: DeliverReplyUseCase,
    private readonly sweep: SweepComplaintDeadlinesUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: SUPPORT_QUEUES.ingestPush, retryLimit: 10, retryDelay: 2, retryBackoff: true });
    this.jobs.define({ name: SUPPORT_QUEUES.ingestPushes, retryLimit: 10, retryDelay: 2, retryBackoff: true });
    this.jobs.define({ name: SUPPORT_QUEUES.deliverReply, retryLimit: 10, retryDelay: 1, retryBackoff: true });
    this.jobs.define({ name: SUPPORT_QUEUES.complaintSweep, retryLimit: 0, expireInSeconds: 300 });
    // Fetched 50 at a time (pg-boss pauses between fetches), but at most 4 in their transactions at
    // once: the pushes being answered (WeChat waits at most 5 s) need pooled connections more than
    // the backlog does.
    const ingestSlots = new Semaphore(4);
    // Jobs enqueued before pushes were stored in batches.
    this.jobs.handle<{ dedupeKey: string }>(
      SUPPORT_QUEUES.ingestPush,
      ({ dedupeKey }) => ingestSlots.run(() => this.ingest.execute(dedupeKey)),
      50,
    );
    // A batch's pushes in arrival order, each in its own transaction (a retried job skips those already processed).
    this.jobs.handle<{ dedupeKeys: string[] }>(
      SUPPORT_QUEUES.ingestPushes,
      async ({ dedupeKeys }) => {
        const started = performance.now();
        for (const dedupeKey of dedupeKeys) await ingestSlots.run(() => this.ingest.execute(dedupeKey));
        // One line per batch, as when the batch was stored (not one per message: 200 a second at peak).
        this.logger.log(
          { pushes: dedupeKeys.length, ms: Math.round(performance.now() - started) },
          'customer-service pushes ingested',
        );
      },
      // 50 jobs a fetch, like the single pushes (the slots above still allow 4 transactions at once):
      // with 4, pg-boss's pause between fetches (polling every 0.5 s) capped the ingest at about
      // 4 batches per half second — ~27 messages/s when a quiet machine stores batches of 3 —, and
      // 200 pushes/s left a backlog that took 4 minutes to drain.
      50,
    );
    this.jobs.handle<{ messageId: string }>(SUPPORT_QUEUES.deliverReply, async ({ messageId }) =>
      this.deliver.execute(messageId),
    );
    this.jobs.handle(SUPPORT_QUEUES.complaintSweep, async () => {
      await this.sweep.execute();
    });
    const schedule = this.config.raw.COMPLAINT_SWEEP_SCHEDULE;
    if (schedule !== 'off') this.jobs.onBoot(() => this.jobs.schedule(SUPPORT_QUEUES.complaintSweep, schedule));
  }
}

/** At most `size` tasks at once; the rest wait their turn in order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
