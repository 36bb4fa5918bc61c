import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { complaintClockState, complaintDeadline, complaintTrackOf } from './complaint-clock.js';

describe('complaint clock', () => {
  const accepted = new Date('2026-12-01T02:00:00Z');

  it('gives 15 days, 30 for a complex case and 60 with a recorded extension', () => {
    assert.equal(
      complaintDeadline(accepted, complaintTrackOf({ complex: false, extended: false })).toISOString(),
      '2026-12-16T02:00:00.000Z',
    );
    assert.equal(
      complaintDeadline(accepted, complaintTrackOf({ complex: true, extended: false })).toISOString(),
      '2026-12-31T02:00:00.000Z',
    );
    assert.equal(
      complaintDeadline(accepted, complaintTrackOf({ complex: true, extended: true })).toISOString(),
      '2027-01-30T02:00:00.000Z',
    );
  });

  it('is due soon three days before the deadline and overdue after it, unless closed', () => {
    const deadline = complaintDeadline(accepted, 'standard');
    assert.equal(complaintClockState({ deadline, closedAt: null }, new Date('2026-12-12T02:00:00Z')), 'on_time');
    assert.equal(complaintClockState({ deadline, closedAt: null }, new Date('2026-12-13T03:00:00Z')), 'due_soon');
    assert.equal(complaintClockState({ deadline, closedAt: null }, new Date('2026-12-16T02:00:01Z')), 'overdue');
    assert.equal(complaintClockState({ deadline, closedAt: accepted }, new Date('2027-02-01T00:00:00Z')), 'closed');
  });
});
