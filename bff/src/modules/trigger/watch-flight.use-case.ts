import { Injectable, Logger } from '@nestjs/common';
import type { FlightStatusEvent } from '@xiaoan/shared';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { FlightDataClient, type ProviderFlight } from '../../integrations/flight-data/flight-data.client.js';
import { FindStoredFlightUseCase } from '../flight/find-stored-flight.use-case.js';
import { IngestFlightStatusUseCase, type IngestResult } from './ingest-flight-status.use-case.js';
import { FLIGHT_WATCH_QUEUE, WATCH_EVERY_MS, WATCH_UNTIL_AFTER_ARRIVAL_MS } from './trigger.queues.js';

const FINAL = new Set(['arrived', 'cancelled', 'diverted']);

/** The provider's pulled record, as the event it would have pushed (stored as evidence the same way). */
export const eventFromProvider = (flight: ProviderFlight): FlightStatusEvent => ({
  eventId: `poll-${flight.flightNo}-${flight.flightDate}-r${flight.revision}`,
  flightNo: flight.flightNo,
  flightDate: flight.flightDate,
  status: flight.status,
  revision: flight.revision,
  scheduledDeparture: flight.scheduledDeparture,
  scheduledArrival: flight.scheduledArrival,
  estimatedDeparture: flight.estimatedDeparture,
  actualDeparture: flight.actualDeparture,
  actualArrival: flight.actualArrival,
  occurredAt: flight.updatedAt,
});

/**
 * Pushes get lost: an insured flight without a final status is pulled from the provider at
 * scheduled arrival + 15 min, then every 30 min, and whatever is new goes through the same
 * ingestion as a pushed event (so it settles claims the same way).
 */
@Injectable()
export class WatchFlightUseCase {
  private readonly logger = new Logger('WatchFlight');

  constructor(
    private readonly provider: FlightDataClient,
    private readonly storedFlights: FindStoredFlightUseCase,
    private readonly ingest: IngestFlightStatusUseCase,
    private readonly jobs: JobQueue,
  ) {}

  async execute(flightId: string, now = new Date()): Promise<IngestResult | null> {
    const flight = await this.storedFlights.byId(flightId);
    if (!flight || FINAL.has(flight.status)) return null;
    const record = await this.provider.findFlight(flight.flight_no, flight.flight_date);
    const result =
      record && record.revision > flight.provider_revision
        ? await this.ingest.execute(eventFromProvider(record), 'poll')
        : null;
    if (result?.flightStatus && FINAL.has(result.flightStatus)) {
      this.logger.log(
        { flightNo: flight.flight_no, flightDate: flight.flight_date, status: result.flightStatus },
        'insured flight reached a final status (pulled)',
      );
      return result;
    }
    const next = now.getTime() + WATCH_EVERY_MS;
    if (next <= flight.scheduled_arrival.getTime() + WATCH_UNTIL_AFTER_ARRIVAL_MS) {
      // One look per 30-minute slot, even if this job is retried after the next one was queued.
      const slot = Math.floor(next / WATCH_EVERY_MS);
      await this.jobs.send(
        FLIGHT_WATCH_QUEUE,
        { flightId },
        { singletonKey: `${flightId}:${slot}`, startAfter: new Date(next) },
      );
    }
    return result;
  }
}
