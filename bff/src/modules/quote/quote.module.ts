import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FlightModule } from '../flight/flight.module.js';
import { PricingModule } from '../pricing/pricing.module.js';
import { SaleGuardModule } from '../sale-guard/sale-guard.module.js';
import { WeatherModule } from '../weather/weather.module.js';
import { CreateQuoteUseCase } from './create-quote.use-case.js';
import { CreateWeatherQuoteUseCase } from './create-weather-quote.use-case.js';
import { QuoteController } from './quote.controller.js';

@Module({
  imports: [CatalogModule, FlightModule, PricingModule, SaleGuardModule, WeatherModule],
  controllers: [QuoteController],
  providers: [CreateQuoteUseCase, CreateWeatherQuoteUseCase],
})
export class QuoteModule {}
