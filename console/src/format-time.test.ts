import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatTime } from './format-time.js';

test('shows instants in Beijing time', () => {
  assert.equal(formatTime('2026-12-04T16:05:09.123Z'), '2026-12-05 00:05:09');
  assert.equal(formatTime('2026-12-04T13:05:09+08:00'), '2026-12-04 13:05:09');
});

test('says how long a wait or a resolution took, in the largest units that matter', () => {
  assert.equal(formatDuration(null), '—');
  assert.equal(formatDuration(42.4), '42 秒');
  assert.equal(formatDuration(200), '3 分 20 秒');
  assert.equal(formatDuration(7500), '2 小时 5 分');
  assert.equal(formatDuration(90_000), '1 天 1 小时');
});
