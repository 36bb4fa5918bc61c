import type { ErrorCode, FlightDelayTerms, FlightStatus } from '@xiaoan/shared';

export interface SaleFlight {
  status: FlightStatus;
  scheduledDeparture: Date;
  soldSumInsuredFen: number;
}

/**
 * Why this flight cannot be sold now, as the error code the customer sees, or null when it can.
 * Order matters: the flight's own state first (adverse selection), then the calendar, then capacity.
 */
export const flightStopSaleReason = (
  flight: SaleFlight,
  terms: FlightDelayTerms,
  payoutFen: number,
  now: Date,
): ErrorCode | null => {
  switch (flight.status) {
    case 'delayed':
      return 'FLIGHT_ALREADY_DELAYED';
    case 'departed':
    case 'arrived':
      return 'FLIGHT_ALREADY_DEPARTED';
    case 'cancelled':
    case 'diverted':
      return 'FLIGHT_ALREADY_CANCELLED';
    case 'scheduled':
      break;
  }
  const departure = flight.scheduledDeparture.getTime();
  if (now.getTime() < departure - terms.saleOpensDaysBefore * 86_400_000) return 'SALE_WINDOW_NOT_OPEN';
  if (now.getTime() > departure - terms.saleClosesMinutesBefore * 60_000) return 'SALE_WINDOW_CLOSED';
  if (flight.soldSumInsuredFen + payoutFen > terms.capacityPerFlightFen) return 'FLIGHT_CAPACITY_REACHED';
  return null;
};
