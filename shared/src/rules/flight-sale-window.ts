import type { ErrorCode } from '../errors/error-codes.js';
import type { FlightStatus } from '../contracts/flight.contract.js';

export interface FlightSaleFacts {
  status: FlightStatus;
  scheduledDeparture: Date;
  actualDeparture?: Date | null;
  actualArrival?: Date | null;
}

export interface FlightSaleWindow {
  saleOpensDaysBefore: number;
  saleClosesMinutesBefore: number;
}

export type FlightSaleStop = Extract<
  ErrorCode,
  | 'FLIGHT_ALREADY_CANCELLED'
  | 'FLIGHT_ALREADY_DIVERTED'
  | 'FLIGHT_ALREADY_LANDED'
  | 'FLIGHT_ALREADY_DEPARTED'
  | 'FLIGHT_ALREADY_DELAYED'
  | 'SALE_WINDOW_CLOSED'
  | 'SALE_WINDOW_NOT_OPEN'
>;

/**
 * Why a flight cannot be sold now, by its own facts and the calendar (capacity is the seller's
 * business), or null. The reason is the true one: a flight that has landed is "landed", one past
 * its scheduled departure is "departed" even while the provider still calls it scheduled, and only
 * a flight that has not left yet is "within 2 h of departure".
 */
export const flightSaleStop = (flight: FlightSaleFacts, window: FlightSaleWindow, now: Date): FlightSaleStop | null => {
  if (flight.status === 'cancelled') return 'FLIGHT_ALREADY_CANCELLED';
  if (flight.status === 'diverted') return 'FLIGHT_ALREADY_DIVERTED';
  if (flight.status === 'arrived' || flight.actualArrival) return 'FLIGHT_ALREADY_LANDED';
  const departure = flight.scheduledDeparture.getTime();
  if (flight.status === 'departed' || flight.actualDeparture || now.getTime() >= departure)
    return 'FLIGHT_ALREADY_DEPARTED';
  if (flight.status === 'delayed') return 'FLIGHT_ALREADY_DELAYED';
  if (now.getTime() > departure - window.saleClosesMinutesBefore * 60_000) return 'SALE_WINDOW_CLOSED';
  if (now.getTime() < departure - window.saleOpensDaysBefore * 86_400_000) return 'SALE_WINDOW_NOT_OPEN';
  return null;
};
