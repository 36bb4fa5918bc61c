import { Injectable, Logger } from '@nestjs/common';
import type { FlightStatusEvent } from '@xiaoan/shared';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { FlightClaimSettlement } from '../claim/settle-flight-claims.js';

export type IngestOutcome = 'applied' | 'duplicate' | 'stale' | 'unknown_flight';

export interface IngestResult {
  outcome: IngestOutcome;
  flightStatus: string | null;
  claimsApproved: number;
}

const FINAL_STATUSES = ['arrived', 'cancelled', 'diverted'];

/**
 * One flight-status event (pushed by the provider or pulled by the watch job), in one transaction:
 * 1. the flight moves forward only: the event's revision must exceed ours, and a final status is
 *    never replaced by a non-final one (a late "scheduled" never undoes an "arrived");
 * 2. the event is stored as evidence, applied or not, once per provider event id (a re-delivery
 *    changes nothing);
 * 3. if the flight just reached a final status, every policy on it is settled (claims approved and
 *    their notifications enqueued) before the transaction commits.
 * A crash anywhere leaves either nothing or all of it, and the provider's retry redoes it.
 */
@Injectable()
export class IngestFlightStatusUseCase {
  private readonly logger = new Logger('IngestFlightStatus');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settlement: FlightClaimSettlement,
  ) {}

  execute(event: FlightStatusEvent, source: 'push' | 'poll'): Promise<IngestResult> {
    const given = (value: string | null | undefined) => value !== undefined;
    return this.unitOfWork.run(async (tx) => {
      const [row] = (await tx.manager.query(
        `WITH target AS (SELECT id FROM flights WHERE flight_no = $2 AND flight_date = $3),
         moved AS (
           UPDATE flights f
              SET status = $4,
                  estimated_departure = CASE WHEN $9::boolean THEN $10::timestamptz ELSE f.estimated_departure END,
                  actual_departure = CASE WHEN $11::boolean THEN $12::timestamptz ELSE f.actual_departure END,
                  actual_arrival = CASE WHEN $13::boolean THEN $14::timestamptz ELSE f.actual_arrival END,
                  provider_revision = $5, refreshed_at = now()
            WHERE f.id = (SELECT id FROM target) AND f.provider_revision < $5
              AND (f.status NOT IN ('arrived', 'cancelled', 'diverted') OR $4 IN ('arrived', 'cancelled', 'diverted'))
           RETURNING f.id, f.status),
         stored AS (
           INSERT INTO flight_status_events (event_id, source, flight_id, flight_no, flight_date, status, revision, applied, payload, occurred_at)
           VALUES ($1, $6, (SELECT id FROM target), $2, $3, $4, $5, EXISTS (SELECT 1 FROM moved), $7, $8)
           ON CONFLICT (event_id) DO NOTHING
           RETURNING event_id)
         SELECT EXISTS (SELECT 1 FROM stored) AS stored, (SELECT id FROM moved) AS moved_flight_id,
                (SELECT id FROM target) AS flight_id`,
        [
          event.eventId,
          event.flightNo,
          event.flightDate,
          event.status,
          event.revision,
          source,
          JSON.stringify(event),
          event.occurredAt,
          given(event.estimatedDeparture),
          event.estimatedDeparture ?? null,
          given(event.actualDeparture),
          event.actualDeparture ?? null,
          given(event.actualArrival),
          event.actualArrival ?? null,
        ],
      )) as { stored: boolean; moved_flight_id: string | null; flight_id: string | null }[];
      const log = { eventId: event.eventId, flightNo: event.flightNo, flightDate: event.flightDate, status: event.status, revision: event.revision, source };
      if (!row!.moved_flight_id) {
        const outcome: IngestOutcome = !row!.stored ? 'duplicate' : row!.flight_id ? 'stale' : 'unknown_flight';
        if (outcome !== 'unknown_flight') this.logger.log({ ...log, outcome }, 'flight status event not applied');
        return { outcome, flightStatus: null, claimsApproved: 0 };
      }
      let claimsApproved = 0;
      if (FINAL_STATUSES.includes(event.status)) {
        claimsApproved = (await this.settlement.settle(tx, row!.moved_flight_id)).approvedClaimIds.length;
      }
      this.logger.log({ ...log, claimsApproved }, 'flight status applied');
      return { outcome: 'applied', flightStatus: event.status, claimsApproved };
    });
  }
}
