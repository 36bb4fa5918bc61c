import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FlightController } from './flight.controller.js';
import { FindStoredFlightUseCase } from './find-stored-flight.use-case.js';
import { FlightRepository } from './flight.repository.js';
import { LookupFlightsUseCase } from './lookup-flights.use-case.js';

@Module({
  imports: [CatalogModule],
  controllers: [FlightController],
  providers: [FlightRepository, LookupFlightsUseCase, FindStoredFlightUseCase],
  exports: [LookupFlightsUseCase, FindStoredFlightUseCase],
})
export class FlightModule {}
