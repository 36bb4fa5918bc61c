import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { ORDER_QUEUES } from './order.queues.js';
import { ReconcileOrdersUseCase } from './reconcile-orders.use-case.js';
import { RefundOrderUseCase } from './refund-order.use-case.js';

/** The order module's queues: thin handlers that call use cases. */
@Injectable()
export class OrderJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly refunds: RefundOrderUseCase,
    private readonly reconcile: ReconcileOrdersUseCase,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: ORDER_QUEUES.refund, retryLimit: 20, retryDelay: 15, retryBackoff: true });
    this.jobs.define({ name: ORDER_QUEUES.reconcile, retryLimit: 0, expireInSeconds: 300 });
    this.jobs.handle<{ refundId: string }>(ORDER_QUEUES.refund, ({ refundId }) => this.refunds.execute(refundId));
    this.jobs.handle(ORDER_QUEUES.reconcile, async () => {
      await this.reconcile.execute();
    });
    this.jobs.onBoot(() => this.jobs.schedule(ORDER_QUEUES.reconcile, '* * * * *'));
  }
}
