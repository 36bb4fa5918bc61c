import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FlightOutcomeCountsRepository } from './persistence/flight-outcome-counts.repository.js';

/**
 * The pricing module's own record of how flights ended (the live experience factor's input). The
 * flight-status ingest calls it inside its transaction when a flight reaches a final status.
 */
@Injectable()
export class RecordFlightOutcomeUseCase {
  constructor(private readonly outcomeCounts: FlightOutcomeCountsRepository) {}

  /** Counts the flight once; false when it was counted before or has no arrival time yet. */
  execute(manager: EntityManager, flightId: string): Promise<boolean> {
    return this.outcomeCounts.recordFinished(manager, flightId);
  }
}
