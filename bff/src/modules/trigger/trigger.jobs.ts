import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { FLIGHT_WATCH_QUEUE } from './trigger.queues.js';
import { WatchFlightUseCase } from './watch-flight.use-case.js';

/** The trigger module's queues: thin handlers that call use cases. */
@Injectable()
export class TriggerJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly watch: WatchFlightUseCase,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: FLIGHT_WATCH_QUEUE, retryLimit: 10, retryDelay: 60, retryBackoff: true });
    this.jobs.handle<{ flightId: string }>(FLIGHT_WATCH_QUEUE, async ({ flightId }) => {
      await this.watch.execute(flightId);
    });
  }
}
