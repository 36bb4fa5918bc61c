import { Module } from '@nestjs/common';
import { FlightStatisticsCache } from './flight-statistics.cache.js';
import { ImportFlightHistoryUseCase } from './import/import-flight-history.use-case.js';
import { FlightStatisticsRepository } from './persistence/flight-statistics.repository.js';
import { PricingService } from './pricing.service.js';

/**
 * Flight-delay pricing: statistics from imported history, credibility-blended into p(trigger),
 * and the premium rule. The quote module imports this and calls `PricingService`.
 */
@Module({
  providers: [
    FlightStatisticsRepository,
    // Built by hand: its constructor takes plain settings (TTL, clock), not injectables.
    { provide: FlightStatisticsCache, useFactory: () => new FlightStatisticsCache() },
    PricingService,
    ImportFlightHistoryUseCase,
  ],
  exports: [PricingService, ImportFlightHistoryUseCase],
})
export class PricingModule {}
