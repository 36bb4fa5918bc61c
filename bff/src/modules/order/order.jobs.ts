import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { FlightDataClient } from '../../integrations/flight-data/flight-data.client.js';
import { FlightRepository } from '../flight/flight.repository.js';
import { FLIGHT_WATCH_QUEUE, ORDER_QUEUES } from './order.queues.js';
import { ReconcileOrdersUseCase } from './reconcile-orders.use-case.js';
import { RefundOrderUseCase } from './refund-order.use-case.js';

const FINAL = new Set(['arrived', 'cancelled', 'diverted']);
const WATCH_EVERY_MS = 30 * 60_000;

/** The order module's queues: thin handlers that call use cases. */
@Injectable()
export class OrderJobs implements OnModuleInit {
  private readonly logger = new Logger('OrderJobs');

  constructor(
    private readonly jobs: JobQueue,
    private readonly refunds: RefundOrderUseCase,
    private readonly reconcile: ReconcileOrdersUseCase,
    private readonly provider: FlightDataClient,
    private readonly flights: FlightRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: ORDER_QUEUES.refund, retryLimit: 20, retryDelay: 15, retryBackoff: true });
    this.jobs.define({ name: ORDER_QUEUES.reconcile, retryLimit: 0, expireInSeconds: 300 });
    this.jobs.define({ name: FLIGHT_WATCH_QUEUE, retryLimit: 10, retryDelay: 60, retryBackoff: true });
    this.jobs.handle<{ refundId: string }>(ORDER_QUEUES.refund, ({ refundId }) => this.refunds.execute(refundId));
    this.jobs.handle(ORDER_QUEUES.reconcile, async () => {
      await this.reconcile.execute();
    });
    this.jobs.handle<{ flightId: string }>(FLIGHT_WATCH_QUEUE, ({ flightId }) => this.watchFlight(flightId));
    this.jobs.onBoot(() => this.jobs.schedule(ORDER_QUEUES.reconcile, '* * * * *'));
  }

  /** Pull the provider for an insured flight without a final status; look again in 30 minutes. */
  private async watchFlight(flightId: string): Promise<void> {
    const flight = await this.flights.findById(flightId);
    if (!flight || FINAL.has(flight.status)) return;
    const record = await this.provider.findFlight(flight.flight_no, flight.flight_date);
    const updated = record ? await this.flights.upsertFromProvider(record) : flight;
    if (!FINAL.has(updated.status)) {
      await this.jobs.send(FLIGHT_WATCH_QUEUE, { flightId }, { singletonKey: `${flightId}:${Date.now()}`, startAfter: new Date(Date.now() + WATCH_EVERY_MS) });
    } else {
      this.logger.log({ flightNo: updated.flight_no, flightDate: updated.flight_date, status: updated.status }, 'insured flight reached a final status');
    }
  }
}
