import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FlightController } from './flight.controller.js';
import { FlightRepository } from './flight.repository.js';
import { LookupFlightsUseCase } from './lookup-flights.use-case.js';

@Module({
  imports: [CatalogModule],
  controllers: [FlightController],
  providers: [FlightRepository, LookupFlightsUseCase],
  exports: [FlightRepository, LookupFlightsUseCase],
})
export class FlightModule {}
