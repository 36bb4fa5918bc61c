import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cancellationVerdict, type CancellablePolicy } from './policy-cancellation.js';

const departure = new Date('2026-12-10T02:00:00Z');
const flightPolicy = (overrides: Partial<CancellablePolicy> = {}): CancellablePolicy => ({
  status: 'active',
  coverStart: departure,
  flight: { status: 'scheduled', actualDeparture: null },
  hasPayableClaim: false,
  ...overrides,
});
const minute = 60_000;

test('a flight policy can be cancelled until the scheduled departure, not a minute after', () => {
  assert.deepEqual(cancellationVerdict(flightPolicy(), new Date(departure.getTime() - minute)), {
    ok: true,
    deadline: departure,
  });
  assert.deepEqual(cancellationVerdict(flightPolicy(), departure), {
    ok: false,
    code: 'POLICY_CANCEL_AFTER_DEPARTURE',
  });
});

test('a flight that has left early, or reports departed, can no longer be cancelled', () => {
  const early = new Date(departure.getTime() - 30 * minute);
  assert.equal(
    cancellationVerdict(
      flightPolicy({ flight: { status: 'departed', actualDeparture: early } }),
      new Date(early.getTime() + minute),
    ).ok,
    false,
  );
  assert.deepEqual(
    cancellationVerdict(flightPolicy({ flight: { status: 'delayed', actualDeparture: early } }), early),
    {
      ok: false,
      code: 'POLICY_CANCEL_AFTER_DEPARTURE',
    },
  );
});

test('a delayed flight that has not left can still be cancelled before its scheduled departure', () => {
  assert.equal(
    cancellationVerdict(
      flightPolicy({ flight: { status: 'delayed', actualDeparture: null } }),
      new Date(departure.getTime() - 5 * minute),
    ).ok,
    true,
  );
});

test('a cancelled or diverted flight is settled by the terms, not refunded', () => {
  for (const status of ['cancelled', 'diverted', 'arrived'] as const) {
    assert.deepEqual(cancellationVerdict(flightPolicy({ flight: { status, actualDeparture: null } }), new Date(0)), {
      ok: false,
      code: 'POLICY_CANCEL_FLIGHT_CLOSED',
    });
  }
});

test('a claimed, expired or paying policy is never cancelled', () => {
  for (const status of ['claimed', 'expired'] as const)
    assert.deepEqual(cancellationVerdict(flightPolicy({ status }), new Date(0)), {
      ok: false,
      code: 'POLICY_NOT_CANCELLABLE',
    });
  assert.deepEqual(cancellationVerdict(flightPolicy({ hasPayableClaim: true }), new Date(0)), {
    ok: false,
    code: 'POLICY_NOT_CANCELLABLE',
  });
});

test('weather cover can be cancelled until its first covered day begins', () => {
  const start = new Date('2027-06-20T16:00:00Z'); // 2027-06-21 00:00 Beijing
  const heat: CancellablePolicy = { status: 'active', coverStart: start, flight: null, hasPayableClaim: false };
  assert.equal(cancellationVerdict(heat, new Date(start.getTime() - 1)).ok, true);
  assert.deepEqual(cancellationVerdict(heat, start), { ok: false, code: 'POLICY_CANCEL_AFTER_COVER_START' });
});
