import { describe, expect, it } from '@jest/globals';
import type { FlightDelayTerms } from '@xiaoan/shared';
import { flightStopSaleReason, type SaleFlight } from './flight-delay-sale-rules.js';

const terms: FlightDelayTerms = {
  kind: 'flight_delay',
  delayThresholdMinutes: 120,
  payoutTiersFen: [10000, 20000, 30000],
  paysOnCancellation: true,
  paysOnDiversion: true,
  saleOpensDaysBefore: 30,
  saleClosesMinutesBefore: 120,
  capacityPerFlightFen: 6_000_000,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
  credibilityK: 30,
  manualReviewAfterMinutes: 360,
};
const departure = new Date('2026-12-10T02:00:00Z');
const flight = (overrides: Partial<SaleFlight> = {}): SaleFlight => ({
  status: 'scheduled',
  scheduledDeparture: departure,
  soldSumInsuredFen: 0,
  ...overrides,
});
const minutesBefore = (minutes: number) => new Date(departure.getTime() - minutes * 60_000);

describe('when a flight may be sold', () => {
  it('sells from 30 days until 2 hours before departure', () => {
    expect(flightStopSaleReason(flight(), terms, 20000, minutesBefore(30 * 24 * 60 + 1))).toBe('SALE_WINDOW_NOT_OPEN');
    expect(flightStopSaleReason(flight(), terms, 20000, minutesBefore(30 * 24 * 60))).toBeNull();
    expect(flightStopSaleReason(flight(), terms, 20000, minutesBefore(120))).toBeNull();
    expect(flightStopSaleReason(flight(), terms, 20000, minutesBefore(119))).toBe('SALE_WINDOW_CLOSED');
  });

  it('never sells a flight already delayed, departed, landed, cancelled or diverted, and says which', () => {
    const now = minutesBefore(600);
    expect(flightStopSaleReason(flight({ status: 'delayed' }), terms, 20000, now)).toBe('FLIGHT_ALREADY_DELAYED');
    expect(flightStopSaleReason(flight({ status: 'departed' }), terms, 20000, now)).toBe('FLIGHT_ALREADY_DEPARTED');
    expect(flightStopSaleReason(flight({ status: 'arrived' }), terms, 20000, now)).toBe('FLIGHT_ALREADY_LANDED');
    expect(flightStopSaleReason(flight({ status: 'cancelled' }), terms, 20000, now)).toBe('FLIGHT_ALREADY_CANCELLED');
    expect(flightStopSaleReason(flight({ status: 'diverted' }), terms, 20000, now)).toBe('FLIGHT_ALREADY_DIVERTED');
  });

  it('calls a flight past its scheduled departure departed, not "less than 2 hours to go"', () => {
    expect(flightStopSaleReason(flight(), terms, 20000, minutesBefore(-90))).toBe('FLIGHT_ALREADY_DEPARTED');
  });

  it('stops selling when the payout would exceed the flight’s capacity', () => {
    const now = minutesBefore(600);
    expect(flightStopSaleReason(flight({ soldSumInsuredFen: 5_980_000 }), terms, 20000, now)).toBeNull();
    expect(flightStopSaleReason(flight({ soldSumInsuredFen: 5_980_001 }), terms, 20000, now)).toBe(
      'FLIGHT_CAPACITY_REACHED',
    );
  });
});
