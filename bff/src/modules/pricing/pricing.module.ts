import { Module } from '@nestjs/common';
import { FlightStatisticsCache } from './flight-statistics.cache.js';
import { ImportFlightHistoryUseCase } from './import/import-flight-history.use-case.js';
import { FlightStatisticsRepository } from './persistence/flight-statistics.repository.js';
import { FlightOutcomeCountsRepository } from './persistence/flight-outcome-counts.repository.js';
import { RecordFlightOutcomeUseCase } from './record-flight-outcome.use-case.js';
import { PricingService } from './pricing.service.js';
import { ImportWeatherHistoryUseCase } from './weather/import-weather-history.use-case.js';
import { WeatherHistoryBootstrap } from './weather/weather-history.bootstrap.js';
import { WeatherPricingService } from './weather/weather-pricing.service.js';

/**
 * Pricing from imported history. Flight delay: statistics credibility-blended into p(trigger),
 * and the premium rule. HEAT37 and RAIN: station history aggregated into the shared rules'
 * inputs. The quote module imports this and calls `PricingService` / `WeatherPricingService`.
 */
@Module({
  providers: [
    FlightStatisticsRepository,
    FlightOutcomeCountsRepository,
    RecordFlightOutcomeUseCase,
    // Built by hand: its constructor takes plain settings (TTL, clock), not injectables.
    { provide: FlightStatisticsCache, useFactory: () => new FlightStatisticsCache() },
    PricingService,
    ImportFlightHistoryUseCase,
    WeatherPricingService,
    ImportWeatherHistoryUseCase,
    WeatherHistoryBootstrap,
  ],
  exports: [
    PricingService,
    RecordFlightOutcomeUseCase,
    ImportFlightHistoryUseCase,
    WeatherPricingService,
    ImportWeatherHistoryUseCase,
  ],
})
export class PricingModule {}
