import { SCHEDULE, beijingTime, type ScheduledFlight } from './flight-schedule.js';

export type FlightStatus = 'scheduled' | 'delayed' | 'departed' | 'arrived' | 'cancelled' | 'diverted';

/** What a flight-status provider (VariFlight / FlightAware style) reports about one flight on one day. */
export interface FlightRecord {
  flightNo: string;
  flightDate: string;
  carrierCode: string;
  carrierName: string;
  origin: ScheduledFlight['origin'];
  destination: ScheduledFlight['destination'];
  scheduledDeparture: string;
  scheduledArrival: string;
  status: FlightStatus;
  estimatedDeparture: string | null;
  actualDeparture: string | null;
  actualArrival: string | null;
  /** Bumped on every change; lets consumers order events. */
  revision: number;
  updatedAt: string;
}

export interface FlightEventInput {
  status: Exclude<FlightStatus, 'scheduled'>;
  /** For `delayed`: the new estimated departure. */
  estimatedDeparture?: string;
  actualDeparture?: string;
  actualArrival?: string;
}

/** The simulator's live view of flights: the timetable plus whatever the dev endpoints changed. */
export class FlightBoard {
  private readonly changed = new Map<string, FlightRecord>();
  private readonly listeners: ((flight: FlightRecord) => void)[] = [];

  /** Called after every change (the feed pusher subscribes here). */
  onChange(listener: (flight: FlightRecord) => void): void {
    this.listeners.push(listener);
  }

  private key(flightNo: string, date: string): string {
    return `${flightNo}|${date}`;
  }

  private fromSchedule(flight: ScheduledFlight, date: string): FlightRecord {
    const departure = beijingTime(date, flight.departs);
    const arrival = new Date(departure.getTime() + flight.blockMinutes * 60_000);
    return {
      flightNo: flight.flightNo,
      flightDate: date,
      carrierCode: flight.carrierCode,
      carrierName: flight.carrierName,
      origin: flight.origin,
      destination: flight.destination,
      scheduledDeparture: departure.toISOString(),
      scheduledArrival: arrival.toISOString(),
      status: 'scheduled',
      estimatedDeparture: null,
      actualDeparture: null,
      actualArrival: null,
      revision: 0,
      updatedAt: departure.toISOString(),
    };
  }

  find(flightNo: string, date: string): FlightRecord | undefined {
    const changed = this.changed.get(this.key(flightNo, date));
    if (changed) return changed;
    const flight = SCHEDULE.find((candidate) => candidate.flightNo === flightNo);
    return flight ? this.fromSchedule(flight, date) : undefined;
  }

  list(date: string): FlightRecord[] {
    return SCHEDULE.map((flight) => this.find(flight.flightNo, date)!).sort((a, b) =>
      a.scheduledDeparture.localeCompare(b.scheduledDeparture),
    );
  }

  /** Dev endpoint: the flight's status changes (delay, departure, arrival, cancellation, diversion). */
  /** `silent`: the caller delivers the change itself (listeners are not told). */
  apply(
    flightNo: string,
    date: string,
    event: FlightEventInput,
    now = new Date(),
    options: { silent?: boolean } = {},
  ): FlightRecord | undefined {
    const current = this.find(flightNo, date);
    if (!current) return undefined;
    const next: FlightRecord = {
      ...current,
      status: event.status,
      estimatedDeparture: event.estimatedDeparture ?? current.estimatedDeparture,
      actualDeparture: event.actualDeparture ?? current.actualDeparture,
      actualArrival: event.actualArrival ?? current.actualArrival,
      revision: current.revision + 1,
      updatedAt: now.toISOString(),
    };
    this.changed.set(this.key(flightNo, date), next);
    if (!options.silent) for (const listener of this.listeners) listener(next);
    return next;
  }

  /** Dev shortcut ("make the flight land late"): it leaves and lands `delayMinutes` behind schedule. */
  landLate(
    flightNo: string,
    date: string,
    delayMinutes: number,
    now = new Date(),
    options: { silent?: boolean } = {},
  ): FlightRecord | undefined {
    const current = this.find(flightNo, date);
    if (!current) return undefined;
    const shift = (iso: string) => new Date(new Date(iso).getTime() + delayMinutes * 60_000).toISOString();
    return this.apply(
      flightNo,
      date,
      {
        status: 'arrived',
        actualDeparture: shift(current.scheduledDeparture),
        actualArrival: shift(current.scheduledArrival),
      },
      now,
      options,
    );
  }
}
