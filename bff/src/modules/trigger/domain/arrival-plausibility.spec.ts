import { describe, expect, it } from '@jest/globals';
import { ARRIVAL_CLOCK_TOLERANCE_MS, implausibleArrival } from './arrival-plausibility.js';

const departure = new Date('2026-12-10T02:00:00Z');
const now = new Date('2026-12-10T06:00:00Z');
const arrivingAt = (at: Date) => ({ actualArrival: at.toISOString() });

describe('believing an arrival before paying on it', () => {
  it('believes an arrival after the scheduled departure and not after now', () => {
    expect(
      implausibleArrival(arrivingAt(new Date('2026-12-10T05:00:00Z')), { scheduledDeparture: departure }, now),
    ).toBeNull();
  });

  it('allows a few minutes of clock drift, not more', () => {
    expect(
      implausibleArrival(
        arrivingAt(new Date(now.getTime() + ARRIVAL_CLOCK_TOLERANCE_MS)),
        { scheduledDeparture: departure },
        now,
      ),
    ).toBeNull();
    expect(
      implausibleArrival(
        arrivingAt(new Date(now.getTime() + ARRIVAL_CLOCK_TOLERANCE_MS + 1)),
        { scheduledDeparture: departure },
        now,
      ),
    ).toBe('arrival_in_future');
  });

  it('disbelieves a landing at or before the scheduled departure, and one with no time', () => {
    expect(implausibleArrival(arrivingAt(departure), { scheduledDeparture: departure }, now)).toBe(
      'arrival_before_departure',
    );
    expect(
      implausibleArrival(arrivingAt(new Date('2026-12-09T23:00:00Z')), { scheduledDeparture: departure }, now),
    ).toBe('arrival_before_departure');
    expect(implausibleArrival({}, { scheduledDeparture: departure }, now)).toBe('arrival_missing');
  });
});
