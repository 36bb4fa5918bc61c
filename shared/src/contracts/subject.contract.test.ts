import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverSubjectSchema } from './subject.contract.js';

const flight = {
  flightNo: 'MU5101',
  flightDate: '2027-07-01',
  carrierCode: 'MU',
  carrierName: '中国东方航空',
  origin: { code: 'SHA', name: '上海虹桥国际机场', city: '上海' },
  destination: { code: 'PEK', name: '北京首都国际机场', city: '北京' },
  scheduledDeparture: '2027-07-01T08:00:00+08:00',
  scheduledArrival: '2027-07-01T10:20:00+08:00',
  status: 'scheduled',
  estimatedDeparture: null,
  actualDeparture: null,
  actualArrival: null,
};

test('a flight subject carries its flight and the delay that pays; without either it is refused', () => {
  assert.equal(coverSubjectSchema.parse({ kind: 'flight', flight, delayThresholdMinutes: 120 }).kind, 'flight');
  assert.equal(coverSubjectSchema.safeParse({ kind: 'flight', flight }).success, false);
  assert.equal(
    coverSubjectSchema.safeParse({ kind: 'flight', flight: null, delayThresholdMinutes: 120 }).success,
    false,
  );
});

test('a subject of no known kind, or none, is refused: there is no "neither" shape', () => {
  assert.equal(coverSubjectSchema.safeParse({ kind: 'snow', flight, delayThresholdMinutes: 120 }).success, false);
  assert.equal(coverSubjectSchema.safeParse({ flight, delayThresholdMinutes: 120 }).success, false);
  assert.equal(coverSubjectSchema.safeParse(null).success, false);
});

test('a rain subject is read by its kind, not by which fields happen to be set', () => {
  const rain = {
    kind: 'rain',
    spotCode: 'xihu',
    spotName: '西湖',
    cityName: '杭州',
    visitDate: '2027-07-05',
    persons: 3,
    thresholdMm: 2,
    windowStart: '09:00',
    windowEnd: '17:00',
    payoutPerPersonFen: 1000,
    saleClosesAt: '2027-07-04T20:00:00+08:00',
  };
  const parsed = coverSubjectSchema.parse(rain);
  assert.equal(parsed.kind === 'rain' ? parsed.persons : 0, 3);
  assert.equal(coverSubjectSchema.safeParse({ ...rain, kind: 'heat' }).success, false);
});
