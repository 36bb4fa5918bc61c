/** How far in the future a reported arrival may be before it is disbelieved: clocks drift a little, planes do not land early by hours. */
export const ARRIVAL_CLOCK_TOLERANCE_MS = 5 * 60_000;

export type ImplausibleArrival = 'arrival_missing' | 'arrival_in_future' | 'arrival_before_departure';

/**
 * Whether an `arrived` event can be believed before money moves on it. A provider bug (a time zone
 * slip, a test record, a scheduled time copied into the actual one) must not pay — or lapse — a
 * whole flight: such an event is kept as evidence and its policies go to manual review instead.
 */
export const implausibleArrival = (
  event: { actualArrival?: string | null },
  flight: { scheduledDeparture: Date },
  now: Date,
): ImplausibleArrival | null => {
  if (!event.actualArrival) return 'arrival_missing';
  const arrival = Date.parse(event.actualArrival);
  if (Number.isNaN(arrival)) return 'arrival_missing';
  if (arrival > now.getTime() + ARRIVAL_CLOCK_TOLERANCE_MS) return 'arrival_in_future';
  if (arrival <= flight.scheduledDeparture.getTime()) return 'arrival_before_departure';
  return null;
};
