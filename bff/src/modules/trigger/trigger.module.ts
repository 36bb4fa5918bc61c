import { Module } from '@nestjs/common';
import { ClaimModule } from '../claim/claim.module.js';
import { FlightModule } from '../flight/flight.module.js';
import { PricingModule } from '../pricing/pricing.module.js';
import { FlightFeedController } from './flight-feed.controller.js';
import { IngestFlightStatusUseCase } from './ingest-flight-status.use-case.js';
import { TriggerJobs } from './trigger.jobs.js';
import { WatchFlightUseCase } from './watch-flight.use-case.js';

/** Trigger: flight-status events (pushed or pulled) → flights moved forward → claims settled. */
@Module({
  imports: [FlightModule, ClaimModule, PricingModule],
  controllers: [FlightFeedController],
  providers: [IngestFlightStatusUseCase, WatchFlightUseCase, TriggerJobs],
  exports: [IngestFlightStatusUseCase, WatchFlightUseCase],
})
export class TriggerModule {}
