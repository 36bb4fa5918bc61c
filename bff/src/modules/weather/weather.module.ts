import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClaimModule } from '../claim/claim.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { PricingModule } from '../pricing/pricing.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { SettleHeatDayUseCase } from './settle-heat-day.use-case.js';
import { IngestWeatherReadingUseCase } from './ingest-weather-reading.use-case.js';
import { PullWeatherObservationsUseCase } from './pull-weather-observations.use-case.js';
import { SettleRainDayUseCase } from './settle-rain-day.use-case.js';
import { StaffWeatherFlagsController } from './staff-weather-flags.controller.js';
import { SweepWeatherUseCase } from './sweep-weather.use-case.js';
import { WeatherFeedController } from './weather-feed.controller.js';
import { WeatherPlaces } from './weather-places.js';
import { WeatherReviewFlagRepository } from './weather-review-flag.repository.js';
import { WeatherPlacesController } from './weather-places.controller.js';
import { WeatherJobs } from './weather.jobs.js';

/**
 * Weather: the places we insure, observations (pushed, pulled) kept as evidence, HEAT37's daily
 * mass settlement, RAIN's trigger, and the
 * corrections to settled readings that staff review.
 */
@Module({
  imports: [CatalogModule, ClaimModule, PolicyModule, PricingModule, StaffModule],
  controllers: [WeatherFeedController, WeatherPlacesController, StaffWeatherFlagsController],
  providers: [
    WeatherPlaces,
    WeatherReviewFlagRepository,
    IngestWeatherReadingUseCase,
    SettleRainDayUseCase,
    SettleHeatDayUseCase,
    SweepWeatherUseCase,
    PullWeatherObservationsUseCase,
    WeatherJobs,
  ],
  exports: [
    WeatherPlaces,
    IngestWeatherReadingUseCase,
    SettleHeatDayUseCase,
    SweepWeatherUseCase,
    PullWeatherObservationsUseCase,
  ],
})
export class WeatherModule {}
