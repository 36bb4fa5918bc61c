import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countHotDays, isHotDay, tmaxHundredths } from './heat-hot-day.js';

test('37.0 °C is a hot day; 36.9 is not', () => {
  assert.equal(isHotDay(36.9, 37), false);
  assert.equal(isHotDay(37.0, 37), true);
  assert.equal(isHotDay(37.1, 37), true);
  assert.equal(isHotDay(36.99, 37), false, 'a finer reading is never rounded up into a hot day');
  assert.equal(
    isHotDay(36.99999999999999, 37),
    true,
    'float noise a hair below 37.0 (say from a unit conversion) is still 37.0',
  );
});

test("the threshold is the product version's, so a 38 °C variant needs no code", () => {
  assert.equal(isHotDay(37.9, 38), false);
  assert.equal(isHotDay(38.0, 38), true);
  assert.equal(isHotDay(35.0, 35.0), true);
  assert.throws(() => isHotDay(37, 37.05), RangeError, 'thresholds are whole tenths');
  assert.throws(() => isHotDay(Number.NaN, 37), RangeError);
});

test('every tenth from 30.0 to 45.0 is compared exactly', () => {
  for (let tenths = 300; tenths <= 450; tenths += 1) {
    assert.equal(isHotDay(tenths / 10, 37), tenths >= 370, String(tenths / 10));
    assert.equal(isHotDay(Number((tenths / 10).toFixed(1)), 37.0), tenths >= 370);
  }
});

test('a reading is stored in hundredths that the settlement SQL decides as isHotDay does', () => {
  // The SQL: (hundredths / 10) * 10 >= threshold hundredths, in integers.
  const sqlHot = (hundredths: number, threshold: number) => Math.trunc(hundredths / 10) * 10 >= threshold * 100;
  for (let hundredths = 3000; hundredths <= 4500; hundredths += 1) {
    assert.equal(tmaxHundredths(hundredths / 100), hundredths, String(hundredths / 100));
  }
  for (const tmax of [36.9, 36.95, 36.99, 36.995, 36.999, 36.9999, 36.99999999999999, 37, 37.001, 37.05, 38.6]) {
    assert.equal(sqlHot(tmaxHundredths(tmax), 37), isHotDay(tmax, 37), String(tmax));
  }
  assert.equal(tmaxHundredths(36.999), 3699, 'never rounded up into a hot day');
  assert.throws(() => tmaxHundredths(Number.NaN), RangeError);
});

test('counts hot days inside the cover only', () => {
  const cover = { start: '2026-07-04', end: '2026-08-31' };
  const readings = [
    { date: '2026-07-02', tmaxCelsius: 39.0 },
    { date: '2026-07-03', tmaxCelsius: 38.2 },
    { date: '2026-07-04', tmaxCelsius: 37.0 },
    { date: '2026-07-05', tmaxCelsius: 36.9 },
    { date: '2026-08-31', tmaxCelsius: 37.5 },
    { date: '2026-09-01', tmaxCelsius: 40.0 },
  ];
  assert.equal(countHotDays(readings, cover, 37), 2);
});

test('refuses two readings of the same day instead of counting it twice', () => {
  const cover = { start: '2026-07-04', end: '2026-08-31' };
  const readings = [
    { date: '2026-07-10', tmaxCelsius: 37.1 },
    { date: '2026-07-10', tmaxCelsius: 36.9 },
  ];
  assert.throws(() => countHotDays(readings, cover, 37), RangeError);
});
