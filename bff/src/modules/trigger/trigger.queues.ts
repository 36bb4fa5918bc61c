import type { Transaction } from '../../core/database/unit-of-work.js';

/**
 * Watch an insured flight until it has a final status: first at scheduled arrival + 15 min (enqueued
 * when its first policy is issued), then every 30 min, through the provider's pull API.
 */
export const FLIGHT_WATCH_QUEUE = 'flight.watch';

/** The first look, after the scheduled arrival. */
export const FIRST_WATCH_AFTER_ARRIVAL_MS = 15 * 60_000;
export const WATCH_EVERY_MS = 30 * 60_000;
/** Stop pulling a day after the scheduled arrival: manual review has long taken over. */
export const WATCH_UNTIL_AFTER_ARRIVAL_MS = 24 * 3600_000;

/** Start watching a flight whose first policy was just issued (inside that issuing transaction). */
export const enqueueFirstFlightWatch = (
  tx: Transaction,
  flightId: string,
  scheduledArrival: Date,
): Promise<string | null> =>
  tx.enqueue(
    FLIGHT_WATCH_QUEUE,
    { flightId },
    { singletonKey: flightId, startAfter: new Date(scheduledArrival.getTime() + FIRST_WATCH_AFTER_ARRIVAL_MS) },
  );
