import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalDelayMinutes, flightDelayTriggered, type FlightDelayTriggerRule } from './flight-delay-trigger.js';

const FD120: FlightDelayTriggerRule = { delayThresholdMinutes: 120, paysOnCancellation: true, paysOnDiversion: true };
const FD60_DELAY_ONLY: FlightDelayTriggerRule = {
  delayThresholdMinutes: 60,
  paysOnCancellation: false,
  paysOnDiversion: false,
};
const arrived = (arrivalDelayMinutes: number) => ({ kind: 'arrived', arrivalDelayMinutes }) as const;

test('FD120 pays from 120 minutes late, not at 119', () => {
  assert.equal(flightDelayTriggered(arrived(119), FD120), false);
  assert.equal(flightDelayTriggered(arrived(120), FD120), true);
  assert.equal(flightDelayTriggered(arrived(-5), FD120), false);
});

test('the one-hour variant pays from 60 minutes late, not at 59', () => {
  assert.equal(flightDelayTriggered(arrived(59), FD60_DELAY_ONLY), false);
  assert.equal(flightDelayTriggered(arrived(60), FD60_DELAY_ONLY), true);
});

test('cancellation and diversion pay only when the version covers them', () => {
  assert.equal(flightDelayTriggered({ kind: 'cancelled' }, FD120), true);
  assert.equal(flightDelayTriggered({ kind: 'diverted' }, FD120), true);
  assert.equal(flightDelayTriggered({ kind: 'cancelled' }, FD60_DELAY_ONLY), false);
  assert.equal(flightDelayTriggered({ kind: 'diverted' }, FD60_DELAY_ONLY), false);
});

test('a delay is counted in whole minutes, rounded down', () => {
  const scheduled = new Date('2026-07-01T06:00:00Z');
  assert.equal(arrivalDelayMinutes(scheduled, new Date('2026-07-01T07:59:59Z')), 119);
  assert.equal(arrivalDelayMinutes(scheduled, new Date('2026-07-01T08:00:00Z')), 120);
  assert.equal(arrivalDelayMinutes(scheduled, new Date('2026-07-01T05:59:30Z')), -1);
});
