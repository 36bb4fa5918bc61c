import { flightSaleStop, type ErrorCode, type FlightDelayTerms, type FlightStatus } from '@xiaoan/shared';

export interface SaleFlight {
  status: FlightStatus;
  scheduledDeparture: Date;
  actualDeparture?: Date | null;
  actualArrival?: Date | null;
  soldSumInsuredFen: number;
}

/**
 * Why this flight cannot be sold now, as the error code the customer sees, or null when it can.
 * Order matters: the flight's own state and the calendar first (shared with the flight list, so
 * the list and the quote give the same, true reason), then capacity.
 */
export const flightStopSaleReason = (
  flight: SaleFlight,
  terms: FlightDelayTerms,
  payoutFen: number,
  now: Date,
): ErrorCode | null => {
  const stop = flightSaleStop(flight, terms, now);
  if (stop) return stop;
  if (flight.soldSumInsuredFen + payoutFen > terms.capacityPerFlightFen) return 'FLIGHT_CAPACITY_REACHED';
  return null;
};
