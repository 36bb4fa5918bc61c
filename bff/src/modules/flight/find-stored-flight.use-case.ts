import { Injectable } from '@nestjs/common';
import { FlightRepository } from './flight.repository.js';
import type { FlightRow } from './flight.record.js';

/** Our stored copy of a flight, as last pulled or pushed; never asks the provider (see LookupFlightsUseCase). */
@Injectable()
export class FindStoredFlightUseCase {
  constructor(private readonly flights: FlightRepository) {}

  byId(id: string): Promise<FlightRow | undefined> {
    return this.flights.findById(id);
  }

  byNumber(flightNo: string, flightDate: string): Promise<FlightRow | undefined> {
    return this.flights.find(flightNo, flightDate);
  }
}
