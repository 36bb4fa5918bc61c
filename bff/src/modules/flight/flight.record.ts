import type { Flight } from '@xiaoan/shared';

/** A row of `flights`: our copy of the provider's view, plus what we sold on it. */
export interface FlightRow {
  id: string;
  flight_no: string;
  flight_date: string;
  carrier_code: string;
  carrier_name: string;
  origin: Flight['origin'];
  destination: Flight['destination'];
  scheduled_departure: Date;
  scheduled_arrival: Date;
  status: Flight['status'];
  estimated_departure: Date | null;
  actual_departure: Date | null;
  actual_arrival: Date | null;
  provider_revision: number;
  refreshed_at: Date;
  sold_sum_insured_fen: string;
}

export const FLIGHT_COLUMNS = `id, flight_no, to_char(flight_date, 'YYYY-MM-DD') AS flight_date, carrier_code, carrier_name,
  origin, destination, scheduled_departure, scheduled_arrival, status, estimated_departure, actual_departure,
  actual_arrival, provider_revision, refreshed_at, sold_sum_insured_fen`;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export const toFlight = (row: FlightRow): Flight => ({
  flightNo: row.flight_no,
  flightDate: row.flight_date,
  carrierCode: row.carrier_code,
  carrierName: row.carrier_name,
  origin: row.origin,
  destination: row.destination,
  scheduledDeparture: row.scheduled_departure.toISOString(),
  scheduledArrival: row.scheduled_arrival.toISOString(),
  status: row.status,
  estimatedDeparture: iso(row.estimated_departure),
  actualDeparture: iso(row.actual_departure),
  actualArrival: iso(row.actual_arrival),
});
