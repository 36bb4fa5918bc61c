/**
 * What one historical flight tells pricing: who flew where and when (as scheduled), and how it
 * ended. Exactly one outcome per flight, so the counts built from records never double-count.
 */
export type FlightOutcome =
  { kind: 'arrived'; arrivalDelayMinutes: number } | { kind: 'cancelled' } | { kind: 'diverted' };

export interface FlightHistoryRecord {
  /** IATA airline code, upper case (`WN`, `MU`). */
  carrier: string;
  /** The numeric part of the flight number without leading zeros (`165`, `5101`). */
  flightNo: string;
  origin: string;
  destination: string;
  /** 1-12, of the scheduled departure in the origin's local time. */
  month: number;
  /** 0-23, of the scheduled departure in the origin's local time. */
  scheduledDepartureHour: number;
  outcome: FlightOutcome;
  /** `YYYY-MM-DD` of the scheduled departure, when the source gives it (rolling backtest, experience). */
  serviceDate?: string;
}
