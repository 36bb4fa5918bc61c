import { Module } from '@nestjs/common';
import { FlightController } from './flight.controller.js';
import { FlightRepository } from './flight.repository.js';
import { LookupFlightsUseCase } from './lookup-flights.use-case.js';

@Module({
  controllers: [FlightController],
  providers: [FlightRepository, LookupFlightsUseCase],
  exports: [FlightRepository, LookupFlightsUseCase],
})
export class FlightModule {}
