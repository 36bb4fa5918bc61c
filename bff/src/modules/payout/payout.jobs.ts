import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { PAYOUT_QUEUES } from './payout.queues.js';
import { ResolveCreatingBillsUseCase } from './resolve-creating-bills.use-case.js';
import { SyncPayoutBillUseCase } from './sync-payout-bill.use-case.js';

/** The payout module's queues: thin handlers that call use cases. */
@Injectable()
export class PayoutJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly bills: SyncPayoutBillUseCase,
    private readonly creating: ResolveCreatingBillsUseCase,
  ) {}

  onModuleInit(): void {
    // NOT_ENOUGH may last until someone tops the operating account up: keep trying for hours.
    this.jobs.define({ name: PAYOUT_QUEUES.createBill, retryLimit: 60, retryDelay: 5, retryBackoff: true });
    this.jobs.define({ name: PAYOUT_QUEUES.syncBill, retryLimit: 20, retryDelay: 60, retryBackoff: true });
    this.jobs.handle<{ outBillNo: string }>(PAYOUT_QUEUES.createBill, ({ outBillNo }) =>
      this.bills.finishCreation(outBillNo),
    );
    this.jobs.handle<{ outBillNo: string }>(PAYOUT_QUEUES.syncBill, async ({ outBillNo }) => {
      await this.bills.sync(outBillNo);
    });
    this.jobs.define({ name: PAYOUT_QUEUES.resolveCreating, retryLimit: 0, expireInSeconds: 240 });
    this.jobs.handle(PAYOUT_QUEUES.resolveCreating, async () => {
      await this.creating.execute();
    });
    this.jobs.onBoot(() => this.jobs.schedule(PAYOUT_QUEUES.resolveCreating, '*/5 * * * *'));
  }
}
