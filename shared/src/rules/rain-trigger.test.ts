import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rainTrigger, type HourlyPrecipitation, type RainTriggerTerms } from './rain-trigger.js';

const RAIN: RainTriggerTerms = { thresholdMm: 2, windowStart: '09:00', windowEnd: '17:00' };
const VISIT = '2026-07-12';

/** Hourly readings on the visit day, by Beijing hour start: `{ 9: 0.5, 10: 1.4 }`. */
const hours = (byHour: Record<number, number>, date = VISIT): HourlyPrecipitation[] =>
  Object.entries(byHour).map(([hour, precipitationMm]) => ({
    hourStart: new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`),
    precipitationMm,
  }));

test('1.9 mm in the window does not trigger; 2.0 mm does', () => {
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 9: 1.9 })).triggered, false);
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 9: 2.0 })).triggered, true);
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 10: 0.5, 13: 1.4 })).triggered, false);
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 10: 0.5, 13: 1.5 })).triggered, true);
});

test('sums exactly: 0.7 + 0.6 + 0.7 mm is 2.0 mm, though floats make it 1.9999999999999998', () => {
  const result = rainTrigger(RAIN, VISIT, hours({ 9: 0.7, 10: 0.6, 11: 0.7 }));
  assert.deepEqual(result, { triggered: true, windowTotalMm: 2, hoursCounted: 3 });
});

test('a gauge reporting hundredths is summed exactly too: 0.29 + 0.57 + 1.14 mm is 2.00 mm', () => {
  assert.deepEqual(rainTrigger(RAIN, VISIT, hours({ 9: 0.29, 10: 0.57, 11: 1.14 })), {
    triggered: true,
    windowTotalMm: 2,
    hoursCounted: 3,
  });
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 9: 0.29, 10: 0.57, 11: 1.13 })).triggered, false, '1.99 mm');
});

test('the window holds the hours starting 09:00 to 16:00: rain before 09:00 or from 17:00 does not count', () => {
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 8: 5, 17: 5, 18: 5 })).triggered, false);
  const edges = rainTrigger(RAIN, VISIT, hours({ 8: 5, 9: 1, 16: 1, 17: 5 }));
  assert.deepEqual(edges, { triggered: true, windowTotalMm: 2, hoursCounted: 2 });
});

test('counts the visit date in Beijing time, not in UTC', () => {
  // 01:00 UTC on the 12th is 09:00 in Beijing on the 12th; 01:00 UTC on the 11th is the 11th.
  const readings = [
    { hourStart: new Date('2026-07-12T01:00:00Z'), precipitationMm: 1.0 },
    { hourStart: new Date('2026-07-11T08:00:00Z'), precipitationMm: 9.0 },
  ];
  assert.deepEqual(rainTrigger(RAIN, VISIT, readings), { triggered: false, windowTotalMm: 1, hoursCounted: 1 });
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 10: 5 }, '2026-07-13')).triggered, false, 'rain the next day');
});

test('triggers as soon as the hour that crosses the threshold arrives, before the window ends', () => {
  assert.equal(rainTrigger(RAIN, VISIT, hours({ 9: 0.4, 10: 1.6 })).triggered, true);
  assert.deepEqual(rainTrigger(RAIN, VISIT, []), { triggered: false, windowTotalMm: 0, hoursCounted: 0 });
});

test('the threshold and window come from the product version', () => {
  const heavier = { thresholdMm: 5, windowStart: '08:00', windowEnd: '20:00' };
  assert.equal(rainTrigger(heavier, VISIT, hours({ 8: 2.5, 19: 2.4 })).triggered, false);
  assert.equal(rainTrigger(heavier, VISIT, hours({ 8: 2.5, 19: 2.5 })).triggered, true);
});

test('refuses two readings of the same hour and negative rain', () => {
  const twice = [...hours({ 10: 1.0 }), ...hours({ 10: 1.5 })];
  assert.throws(() => rainTrigger(RAIN, VISIT, twice), RangeError);
  assert.throws(() => rainTrigger(RAIN, VISIT, hours({ 10: -0.1 })), RangeError);
});
