import { Injectable, Logger } from '@nestjs/common';
import type { FlightStatusEvent } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { named } from '../../core/database/named-parameters.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { OpenManualReviewsUseCase } from '../claim/open-manual-reviews.use-case.js';
import { SettleFlightClaimsUseCase } from '../claim/settle-flight-claims.use-case.js';
import { implausibleArrival } from './domain/arrival-plausibility.js';
import { RecordFlightOutcomeUseCase } from '../pricing/record-flight-outcome.use-case.js';

/** `held_for_review`: an arrival that could not be believed; stored, not applied, its policies sent to manual review. */
export type IngestOutcome = 'applied' | 'duplicate' | 'stale' | 'unknown_flight' | 'held_for_review';

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
 *    their notifications enqueued) before the transaction commits;
 * 4. an `arrived` event that cannot be true (arriving in the future by the business clock, beyond a
 *    small tolerance, or before the scheduled departure) is stored with the reason, not applied, and
 *    the flight's policies go to manual review: nothing is paid or lapsed on it. A later, believable
 *    event still settles the flight by the rule (manual-review claims included).
 * A crash anywhere leaves either nothing or all of it, and the provider's retry redoes it.
 */
@Injectable()
export class IngestFlightStatusUseCase {
  private readonly logger = new Logger('IngestFlightStatus');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settlement: SettleFlightClaimsUseCase,
    private readonly clock: Clock,
    private readonly recordFlightOutcome: RecordFlightOutcomeUseCase,
    private readonly manualReviews: OpenManualReviewsUseCase,
  ) {}

  execute(event: FlightStatusEvent, source: 'push' | 'poll'): Promise<IngestResult> {
    const given = (value: string | null | undefined) => value !== undefined;
    return this.unitOfWork.run(async (tx) => {
      if (event.status === 'arrived') {
        const held = await this.holdIfImplausible(tx, event, source);
        if (held) return held;
      }
      const log = {
        eventId: event.eventId,
        flightNo: event.flightNo,
        flightDate: event.flightDate,
        status: event.status,
        revision: event.revision,
        source,
      };
      const [row] = (await tx.manager.query(
        ...named(
          `WITH target AS (SELECT id FROM flights WHERE flight_no = $flightNo AND flight_date = $flightDate),
           moved AS (
             UPDATE flights f
                SET status = $status,
                    estimated_departure = CASE WHEN $estimatedDepartureGiven::boolean THEN $estimatedDeparture::timestamptz ELSE f.estimated_departure END,
                    actual_departure = CASE WHEN $actualDepartureGiven::boolean THEN $actualDeparture::timestamptz ELSE f.actual_departure END,
                    actual_arrival = CASE WHEN $actualArrivalGiven::boolean THEN $actualArrival::timestamptz ELSE f.actual_arrival END,
                    provider_revision = $revision, refreshed_at = now()
              WHERE f.id = (SELECT id FROM target) AND f.provider_revision < $revision
                AND (f.status NOT IN ('arrived', 'cancelled', 'diverted') OR $status IN ('arrived', 'cancelled', 'diverted'))
             RETURNING f.id, f.status),
           stored AS (
             INSERT INTO flight_status_events (event_id, source, flight_id, flight_no, flight_date, status, revision, applied, payload, occurred_at)
             VALUES ($eventId, $source, (SELECT id FROM target), $flightNo, $flightDate, $status, $revision, EXISTS (SELECT 1 FROM moved), $payload, $occurredAt)
             ON CONFLICT (event_id) DO NOTHING
             RETURNING event_id)
           SELECT EXISTS (SELECT 1 FROM stored) AS stored, (SELECT id FROM moved) AS moved_flight_id,
                  (SELECT id FROM target) AS flight_id`,
          {
            ...log,
            payload: JSON.stringify(event),
            occurredAt: event.occurredAt,
            // An absent time leaves the stored one; null (the provider withdrew it) clears it.
            estimatedDepartureGiven: given(event.estimatedDeparture),
            estimatedDeparture: event.estimatedDeparture ?? null,
            actualDepartureGiven: given(event.actualDeparture),
            actualDeparture: event.actualDeparture ?? null,
            actualArrivalGiven: given(event.actualArrival),
            actualArrival: event.actualArrival ?? null,
          },
        ),
      )) as { stored: boolean; moved_flight_id: string | null; flight_id: string | null }[];
      if (!row!.moved_flight_id) {
        const outcome: IngestOutcome = !row!.stored ? 'duplicate' : row!.flight_id ? 'stale' : 'unknown_flight';
        if (outcome !== 'unknown_flight') this.logger.log({ ...log, outcome }, 'flight status event not applied');
        return { outcome, flightStatus: null, claimsApproved: 0 };
      }
      let claimsApproved = 0;
      if (FINAL_STATUSES.includes(event.status)) {
        claimsApproved = (await this.settlement.settle(tx, row!.moved_flight_id, this.clock.now())).approvedClaimIds
          .length;
        // The day's outcome counts the live price's experience factor reads (issue 16), same transaction.
        await this.recordFlightOutcome.execute(tx.manager, row!.moved_flight_id);
      }
      this.logger.log({ ...log, claimsApproved }, 'flight status applied');
      return { outcome: 'applied', flightStatus: event.status, claimsApproved };
    });
  }

  private async holdIfImplausible(
    tx: Transaction,
    event: FlightStatusEvent,
    source: 'push' | 'poll',
  ): Promise<IngestResult | null> {
    const [flight] = (await tx.manager.query(
      `SELECT id, scheduled_departure, status, provider_revision FROM flights WHERE flight_no = $1 AND flight_date = $2 FOR UPDATE`,
      [event.flightNo, event.flightDate],
    )) as { id: string; scheduled_departure: Date; status: string; provider_revision: number }[];
    // Unknown, already final or stale: the ordinary path answers those.
    if (!flight || FINAL_STATUSES.includes(flight.status) || flight.provider_revision >= event.revision) return null;
    const reason = implausibleArrival(event, { scheduledDeparture: flight.scheduled_departure }, this.clock.now());
    if (!reason) return null;
    const now = this.clock.now();
    const stored = (await tx.manager.query(
      `INSERT INTO flight_status_events (event_id, source, flight_id, flight_no, flight_date, status, revision, applied, payload, occurred_at, held_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $9, $10)
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [
        event.eventId,
        source,
        flight.id,
        event.flightNo,
        event.flightDate,
        event.status,
        event.revision,
        JSON.stringify(event),
        event.occurredAt,
        reason,
      ],
    )) as { event_id: string }[];
    if (stored.length === 0) return { outcome: 'duplicate', flightStatus: null, claimsApproved: 0 };
    // The claim module sends the flight's policies to manual review, with the held event as evidence.
    const reviews = await this.manualReviews.forHeldEvent(tx, flight.id, event.eventId, now);
    this.logger.warn(
      {
        eventId: event.eventId,
        flightNo: event.flightNo,
        flightDate: event.flightDate,
        reason,
        reviews,
        source,
      },
      'implausible arrival held: policies sent to manual review',
    );
    return { outcome: 'held_for_review', flightStatus: null, claimsApproved: 0 };
  }
}
