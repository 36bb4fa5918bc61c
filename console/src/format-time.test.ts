import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from './format-time.js';

test('shows instants in Beijing time', () => {
  assert.equal(formatTime('2026-12-04T16:05:09.123Z'), '2026-12-05 00:05:09');
  assert.equal(formatTime('2026-12-04T13:05:09+08:00'), '2026-12-04 13:05:09');
});
