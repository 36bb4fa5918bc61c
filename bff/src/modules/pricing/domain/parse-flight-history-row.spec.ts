import { describe, expect, it } from '@jest/globals';
import { cancelled, delayedBy, diverted, flightRow } from '../../../../test/pricing/flight-history.builder.js';
import { FlightHistoryRowError } from './flight-history-row.error.js';
import { parseFlightHistoryRow } from './parse-flight-history-row.js';

const flight = (fields: string[]) => {
  const parsed = parseFlightHistoryRow(fields, 7);
  if (parsed.kind !== 'flight') throw new Error(`expected a flight, got ${parsed.kind}`);
  return parsed.record;
};

const rejection = (fields: string[], line = 42): FlightHistoryRowError => {
  try {
    parseFlightHistoryRow(fields, line);
  } catch (error) {
    if (error instanceof FlightHistoryRowError) return error;
    throw error;
  }
  throw new Error('row was accepted');
};

describe('reading a flights-2008 row', () => {
  it('reads who flew where, when it was scheduled, and how late it arrived', () => {
    expect(
      flight(
        flightRow({
          UniqueCarrier: 'wn',
          FlightNum: '0165',
          Origin: 'MCI',
          Dest: 'BNA',
          Month: '4',
          CRSDepTime: '1140',
          ArrDelay: '47',
        }),
      ),
    ).toEqual({
      carrier: 'WN',
      flightNo: '165',
      origin: 'MCI',
      destination: 'BNA',
      month: 4,
      scheduledDepartureHour: 11,
      outcome: { kind: 'arrived', arrivalDelayMinutes: 47 },
      serviceDate: '2008-04-15',
    });
  });

  it('reads an early arrival as a negative delay', () => {
    expect(flight(flightRow(delayedBy(-12))).outcome).toEqual({ kind: 'arrived', arrivalDelayMinutes: -12 });
  });

  it('counts a flight as cancelled from its cancellation code even though Cancelled reads \\N', () => {
    expect(flight(flightRow(cancelled)).outcome).toEqual({ kind: 'cancelled' });
    expect(flight(flightRow({ ...cancelled, CancellationCode: '', Cancelled: '1' })).outcome).toEqual({
      kind: 'cancelled',
    });
  });

  it('counts a flight as diverted from the Diverted flag', () => {
    expect(flight(flightRow(diverted)).outcome).toEqual({ kind: 'diverted' });
  });

  it('counts a flight that departed but never reported an arrival as diverted, as BTS records diversions', () => {
    expect(flight(flightRow({ ArrTime: '\\N', ArrDelay: '\\N', Diverted: '\\N' })).outcome).toEqual({
      kind: 'diverted',
    });
  });

  it('skips a flight with no outcome at all instead of counting it as on time', () => {
    expect(
      parseFlightHistoryRow(flightRow({ DepTime: '\\N', ArrTime: '\\N', ArrDelay: '', Diverted: 'NA' }), 3),
    ).toEqual({ kind: 'no-outcome' });
  });

  it('reads scheduled hours written without leading zeros, and 2400 as midnight', () => {
    expect(flight(flightRow({ CRSDepTime: '5' })).scheduledDepartureHour).toBe(0);
    expect(flight(flightRow({ CRSDepTime: '2400' })).scheduledDepartureHour).toBe(0);
    expect(flight(flightRow({ CRSDepTime: '2359' })).scheduledDepartureHour).toBe(23);
  });

  it('rejects malformed rows with their line number and the faulty column', () => {
    const short = flightRow().slice(0, 28);
    expect(rejection(short, 12).message).toBe('line 12: expected 29 columns, found 28');
    expect(rejection(flightRow({ Month: '13' })).message).toMatch(/^line 42: Month/);
    expect(rejection(flightRow({ ArrDelay: '1h5' })).message).toMatch(/^line 42: ArrDelay/);
    expect(rejection(flightRow({ Origin: '\\N' })).message).toMatch(/^line 42: Origin/);
    expect(rejection(flightRow({ CRSDepTime: '1260' })).message).toMatch(/^line 42: CRSDepTime/);
    expect(rejection(flightRow({ UniqueCarrier: '' })).message).toMatch(/^line 42: UniqueCarrier/);
    expect(rejection(flightRow({ FlightNum: 'NA' })).lineNumber).toBe(42);
  });
});
