import { describe, expect, it } from '@jest/globals';
import { FlightStatisticsAggregate } from './flight-statistics-aggregate.js';
import type { FlightHistoryRecord } from './flight-history-record.js';
import { hourBandOf, quarterOf, statisticCellsFor } from './statistic-cell.js';

const record = (overrides: Partial<FlightHistoryRecord> = {}): FlightHistoryRecord => ({
  carrier: 'XA',
  flightNo: '101',
  origin: 'PEK',
  destination: 'SHA',
  month: 7,
  scheduledDepartureHour: 9,
  outcome: { kind: 'arrived', arrivalDelayMinutes: 5 },
  ...overrides,
});

const aggregateOf = (records: FlightHistoryRecord[]) => {
  const aggregate = new FlightStatisticsAggregate();
  records.forEach((r) => aggregate.add(r));
  return aggregate;
};

describe('aggregating flight history into statistics cells', () => {
  it('adds each flight once to its cell at every level', () => {
    const aggregate = aggregateOf([
      record({ outcome: { kind: 'arrived', arrivalDelayMinutes: 130 } }),
      record({ outcome: { kind: 'arrived', arrivalDelayMinutes: 75 } }),
      record({ outcome: { kind: 'cancelled' } }),
      record({ flightNo: '202', scheduledDepartureHour: 20, outcome: { kind: 'diverted' } }),
    ]);
    const counts = aggregate.lookup(record());
    expect(counts.flight_season).toMatchObject({
      n: 3,
      delayGe60: 2,
      delayGe90: 1,
      delayGe120: 1,
      delayGe180: 0,
      cancelled: 1,
      diverted: 0,
    });
    expect(counts.route_month_hour_band.n).toBe(3); // flight 202 leaves in the evening band
    for (const level of ['airline', 'origin_airport', 'destination_airport', 'national'] as const) {
      expect(counts[level]).toMatchObject({ n: 4, cancelled: 1, diverted: 1 });
    }
  });

  it('gives the same counts whether files are aggregated together or one after another', () => {
    const april = [record({ month: 4 }), record({ month: 4, outcome: { kind: 'cancelled' } })];
    const may = [
      record({ month: 5, outcome: { kind: 'arrived', arrivalDelayMinutes: 200 } }),
      record({ month: 5, carrier: 'YB' }),
    ];
    const separately = aggregateOf(april);
    separately.merge(aggregateOf(may));
    const together = aggregateOf([...april, ...may]);
    expect(
      [...separately.entries()].sort((a, b) => JSON.stringify(a.cell).localeCompare(JSON.stringify(b.cell))),
    ).toEqual([...together.entries()].sort((a, b) => JSON.stringify(a.cell).localeCompare(JSON.stringify(b.cell))));
    expect(separately.flights).toBe(4);
  });

  it('finds a priced flight under any spelling of its flight number', () => {
    const aggregate = aggregateOf([record({ carrier: 'MU', flightNo: '5101' })]);
    expect(aggregate.lookup({ ...record(), carrier: 'mu', flightNo: 'MU05101' }).flight_season.n).toBe(1);
  });

  it('keys the flight level by quarter and the route level by month and hour band', () => {
    expect([1, 3, 4, 6, 7, 12].map(quarterOf)).toEqual([1, 1, 2, 2, 3, 4]);
    expect([0, 5, 6, 9, 10, 14, 17, 18, 23].map(hourBandOf)).toEqual([0, 0, 6, 6, 10, 14, 14, 18, 18]);
    const cells = statisticCellsFor({ ...record(), month: 8, scheduledDepartureHour: 15 });
    expect(cells.flight_season).toMatchObject({
      carrier: 'XA',
      flightNo: '101',
      origin: 'PEK',
      destination: 'SHA',
      quarter: 3,
      month: 0,
    });
    expect(cells.route_month_hour_band).toMatchObject({
      carrier: '',
      origin: 'PEK',
      destination: 'SHA',
      month: 8,
      hourBand: 14,
    });
  });
});
