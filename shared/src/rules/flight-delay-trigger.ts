/**
 * When a flight-delay policy pays (products.md §1), one rule for pricing (how often a flight would
 * have paid) and settlement (whether this flight pays): arrived at least the version's threshold
 * late, in whole minutes, or cancelled / diverted when the version pays on those. The settlement
 * SQL (bff FlightClaimSettlement) computes the same thing set-based; a grid test on a real
 * PostgreSQL holds the two equal.
 */
export interface FlightDelayTriggerRule {
  delayThresholdMinutes: number;
  paysOnCancellation: boolean;
  paysOnDiversion: boolean;
}

/** A flight's final outcome: how late it arrived, or that it never arrived where it was going. */
export type FlightFinalOutcome =
  { kind: 'arrived'; arrivalDelayMinutes: number } | { kind: 'cancelled' } | { kind: 'diverted' };

const MS_PER_MINUTE = 60_000;

/**
 * Arrival delay in whole minutes, rounded down: 119 min 59 s late is 119, so FD120 does not pay.
 * Negative for an early arrival.
 */
export const arrivalDelayMinutes = (scheduledArrival: Date, actualArrival: Date): number =>
  Math.floor((actualArrival.getTime() - scheduledArrival.getTime()) / MS_PER_MINUTE);

export const flightDelayTriggered = (outcome: FlightFinalOutcome, rule: FlightDelayTriggerRule): boolean => {
  switch (outcome.kind) {
    case 'cancelled':
      return rule.paysOnCancellation;
    case 'diverted':
      return rule.paysOnDiversion;
    case 'arrived':
      return outcome.arrivalDelayMinutes >= rule.delayThresholdMinutes;
  }
};
