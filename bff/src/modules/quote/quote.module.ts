import { Module } from '@nestjs/common';
import { PRODUCT_QUOTERS, type ProductQuoter } from '../../products/quoters.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FlightModule } from '../flight/flight.module.js';
import { PricingModule } from '../pricing/pricing.module.js';
import { SaleGuardModule } from '../sale-guard/sale-guard.module.js';
import { WeatherModule } from '../weather/weather.module.js';
import { PlaceQuoteService } from './place-quote.service.js';
import { QUOTERS, QuoteController } from './quote.controller.js';

const quoterClasses = Object.values(PRODUCT_QUOTERS);

/**
 * `POST /v1/quotes`: the controller hands the body to the kind it names. Each kind's quoter lives in
 * its product folder (`products/<kind>/quote-*.use-case.ts`); the modules imported here are what
 * the quoters price and check with.
 */
@Module({
  imports: [CatalogModule, FlightModule, PricingModule, SaleGuardModule, WeatherModule],
  controllers: [QuoteController],
  providers: [
    PlaceQuoteService,
    ...quoterClasses,
    {
      provide: QUOTERS,
      useFactory: (...quoters: ProductQuoter[]) => quoters,
      inject: quoterClasses,
    },
  ],
})
export class QuoteModule {}
