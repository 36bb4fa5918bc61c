import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flightSaleStop, type FlightSaleFacts } from './flight-sale-window.js';

const departure = new Date('2026-12-10T02:00:00Z');
const WINDOW = { saleOpensDaysBefore: 30, saleClosesMinutesBefore: 120 };
const at = (minutesBefore: number) => new Date(departure.getTime() - minutesBefore * 60_000);
const flight = (overrides: Partial<FlightSaleFacts> = {}): FlightSaleFacts => ({
  status: 'scheduled',
  scheduledDeparture: departure,
  ...overrides,
});

test('sells from 30 days until 2 hours before departure', () => {
  assert.equal(flightSaleStop(flight(), WINDOW, at(30 * 24 * 60 + 1)), 'SALE_WINDOW_NOT_OPEN');
  assert.equal(flightSaleStop(flight(), WINDOW, at(30 * 24 * 60)), null);
  assert.equal(flightSaleStop(flight(), WINDOW, at(120)), null);
  assert.equal(flightSaleStop(flight(), WINDOW, at(119)), 'SALE_WINDOW_CLOSED');
});

test('a flight past its scheduled departure is departed, not "within 2 hours", even while still called scheduled', () => {
  assert.equal(flightSaleStop(flight(), WINDOW, at(0)), 'FLIGHT_ALREADY_DEPARTED');
  assert.equal(flightSaleStop(flight(), WINDOW, at(-300)), 'FLIGHT_ALREADY_DEPARTED');
  assert.equal(
    flightSaleStop(flight({ status: 'departed', actualDeparture: at(200) }), WINDOW, at(600)),
    'FLIGHT_ALREADY_DEPARTED',
  );
});

test('a landed flight says landed; cancelled and diverted say so', () => {
  assert.equal(flightSaleStop(flight({ status: 'arrived' }), WINDOW, at(-300)), 'FLIGHT_ALREADY_LANDED');
  assert.equal(flightSaleStop(flight({ status: 'cancelled' }), WINDOW, at(600)), 'FLIGHT_ALREADY_CANCELLED');
  assert.equal(flightSaleStop(flight({ status: 'diverted' }), WINDOW, at(600)), 'FLIGHT_ALREADY_DIVERTED');
});

test('a delayed flight that has not left is refused as delayed', () => {
  assert.equal(flightSaleStop(flight({ status: 'delayed' }), WINDOW, at(600)), 'FLIGHT_ALREADY_DELAYED');
});
