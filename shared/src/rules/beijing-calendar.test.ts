import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addCalendarDays,
  beijingDateOf,
  beijingDayEnd,
  beijingDayStart,
  beijingParts,
  formatBeijingDateTime,
  formatBeijingRfc3339,
  beijingInstant,
  beijingMinuteOfDay,
  calendarDaysBetween,
  daysInRange,
  isDateInRange,
  minuteOfDay,
  monthDayOf,
  seasonWindow,
  weekdayOf,
} from './beijing-calendar.js';

test('an instant belongs to the Beijing day, which starts at 16:00 UTC the evening before', () => {
  assert.equal(beijingDateOf(new Date('2026-07-01T15:59:59.999Z')), '2026-07-01');
  assert.equal(beijingDateOf(new Date('2026-07-01T16:00:00Z')), '2026-07-02');
  assert.equal(beijingDateOf(new Date('2026-07-02T00:00:00+08:00')), '2026-07-02');
  assert.equal(beijingDateOf(new Date('2026-12-31T16:00:00Z')), '2027-01-01', 'the new year starts in Beijing first');
});

test('reads the Beijing wall clock of an instant and builds an instant from it', () => {
  assert.equal(beijingMinuteOfDay(new Date('2026-07-01T01:00:00Z')), 9 * 60);
  assert.equal(beijingMinuteOfDay(new Date('2026-07-01T16:00:00Z')), 0);
  assert.equal(beijingMinuteOfDay(new Date('1969-12-31T23:30:00Z')), 7 * 60 + 30, 'instants before 1970 too');
  assert.equal(beijingInstant('2026-07-01', '20:00').toISOString(), '2026-07-01T12:00:00.000Z');
  assert.equal(beijingInstant('2026-07-01', '00:00').toISOString(), '2026-06-30T16:00:00.000Z');
  assert.equal(beijingInstant('2026-07-01', '24:00').toISOString(), '2026-07-01T16:00:00.000Z');
});

test('times of day are HH:MM, with 24:00 as the end of the day', () => {
  assert.equal(minuteOfDay('09:00'), 540);
  assert.equal(minuteOfDay('17:00'), 1020);
  assert.equal(minuteOfDay('24:00'), 1440);
  for (const bad of ['9:00', '24:01', '12:60', '25:00', 'noon']) assert.throws(() => minuteOfDay(bad), RangeError, bad);
});

test('adds days across month, year and leap-day boundaries', () => {
  assert.equal(addCalendarDays('2026-06-30', 1), '2026-07-01');
  assert.equal(addCalendarDays('2026-12-30', 3), '2027-01-02');
  assert.equal(addCalendarDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addCalendarDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addCalendarDays('2026-08-31', -3), '2026-08-28');
  assert.throws(() => addCalendarDays('2026-07-01', 0.5), RangeError);
});

test('counts the days from one date to another', () => {
  assert.equal(calendarDaysBetween('2026-07-01', '2026-07-04'), 3);
  assert.equal(calendarDaysBetween('2026-07-04', '2026-07-01'), -3);
  assert.equal(calendarDaysBetween('2026-06-21', '2026-08-31'), 71);
  assert.equal(daysInRange({ start: '2026-06-21', end: '2026-08-31' }), 72, 'a season of 72 days, both ends counted');
  assert.equal(daysInRange({ start: '2026-09-01', end: '2026-08-31' }), 0);
});

test('refuses dates that do not exist', () => {
  assert.throws(() => addCalendarDays('2026-02-29', 0), RangeError);
  assert.throws(() => calendarDaysBetween('2026-13-01', '2026-07-01'), RangeError);
  assert.throws(() => monthDayOf('2026-7-1'), RangeError);
  assert.throws(() => beijingDateOf(new Date('not a date')), RangeError);
});

test('a range includes both of its ends', () => {
  const season = { start: '2026-06-21', end: '2026-08-31' };
  assert.ok(isDateInRange('2026-06-21', season));
  assert.ok(isDateInRange('2026-08-31', season));
  assert.equal(isDateInRange('2026-06-20', season), false);
  assert.equal(isDateInRange('2026-09-01', season), false);
});

test('the season of a year runs from its MM-DD start to its MM-DD end, both included', () => {
  assert.deepEqual(seasonWindow(2026, '06-21', '08-31'), { start: '2026-06-21', end: '2026-08-31' });
  assert.deepEqual(
    seasonWindow(2026, '12-01', '02-28'),
    { start: '2026-12-01', end: '2027-02-28' },
    'a winter season ends next year',
  );
  assert.equal(monthDayOf('2026-07-04'), '07-04');
  assert.throws(() => seasonWindow(2026, '06-31', '08-31'), RangeError);
  assert.throws(() => seasonWindow(2026, '02-29', '03-31'), RangeError, 'no 29 February in 2026');
  assert.throws(() => seasonWindow(26, '06-21', '08-31'), RangeError);
});

test('a Beijing day starts at 16:00 UTC the day before and ends at the next 16:00 UTC', () => {
  assert.equal(beijingDayStart('2026-07-02').toISOString(), '2026-07-01T16:00:00.000Z');
  assert.equal(beijingDayEnd('2026-07-02').toISOString(), '2026-07-02T16:00:00.000Z');
  assert.equal(beijingDateOf(new Date(beijingDayStart('2026-07-02').getTime() - 1)), '2026-07-01');
  assert.equal(beijingDateOf(beijingDayStart('2026-07-02')), '2026-07-02');
  assert.equal(beijingDateOf(new Date(beijingDayEnd('2026-07-02').getTime() - 1)), '2026-07-02');
  assert.equal(beijingDayEnd('2026-12-31').toISOString(), '2026-12-31T16:00:00.000Z');
  assert.throws(() => beijingDayStart('2026-02-30'), RangeError);
});

test('every Beijing day is 24 hours long, the dates of daylight-saving changes elsewhere included', () => {
  for (const date of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2028-02-29']) {
    assert.equal(beijingDayEnd(date).getTime() - beijingDayStart(date).getTime(), 24 * 3600_000, date);
  }
});

test('formats an instant as Beijing wall-clock time, to the minute or to the second', () => {
  const instant = new Date('2026-12-04T12:31:05.900Z');
  assert.equal(formatBeijingDateTime(instant), '2026-12-04 20:31:05');
  assert.equal(formatBeijingDateTime(instant, 'minute'), '2026-12-04 20:31');
  assert.equal(formatBeijingDateTime(new Date('2026-12-04T16:00:00Z'), 'minute'), '2026-12-05 00:00');
  assert.equal(formatBeijingRfc3339(instant), '2026-12-04T20:31:05+08:00');
  assert.deepEqual(beijingParts(new Date('2026-12-31T16:30:00Z')), {
    year: 2027,
    month: 1,
    day: 1,
    hour: 0,
    minute: 30,
    second: 0,
    weekday: 5,
  });
  assert.throws(() => formatBeijingDateTime(new Date(Number.NaN)), RangeError);
});

test('names the day of the week of a date, Sunday being 0, before 1970 too', () => {
  assert.equal(weekdayOf('2026-12-04'), 5);
  assert.equal(weekdayOf('2025-06-21'), 6);
  assert.equal(weekdayOf('1970-01-01'), 4);
  assert.equal(weekdayOf('1969-12-28'), 0);
  assert.equal(weekdayOf('2024-02-29'), 4);
  assert.equal(weekdayOf('2026-12-04'), beijingParts(beijingDayStart('2026-12-04')).weekday);
  assert.throws(() => weekdayOf('2026-02-30'), RangeError);
});
