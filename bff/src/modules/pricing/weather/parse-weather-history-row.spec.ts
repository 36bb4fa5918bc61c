import { describe, expect, it } from '@jest/globals';
import { isWeatherHistoryHeader, parseWeatherHistoryRow } from './parse-weather-history-row.js';
import { WeatherHistoryRowError } from './weather-history-row.error.js';

const row = (tmax: string, precipitation: string, overrides: { station?: string; date?: string } = {}) => [
  overrides.station ?? '57516',
  overrides.date ?? '2016-07-21',
  tmax,
  precipitation,
];

const rejection = (fields: string[], line = 12): WeatherHistoryRowError => {
  try {
    parseWeatherHistoryRow(fields, line);
  } catch (error) {
    if (error instanceof WeatherHistoryRowError) return error;
    throw error;
  }
  throw new Error('row was accepted');
};

describe('reading a weather-history line', () => {
  it('reads a station-day with its maximum in tenths of a degree and its window rain in tenths of a mm', () => {
    expect(parseWeatherHistoryRow(['A58457', '2016-07-21', '37.0', '2.3'], 2)).toEqual({
      stationId: 'A58457',
      day: '2016-07-21',
      tmaxTenths: 370,
      precipTenths: 23,
    });
  });

  it('keeps an empty value as missing, not as zero', () => {
    expect(parseWeatherHistoryRow(row('', '0'), 2)).toMatchObject({ tmaxTenths: null, precipTenths: 0 });
    expect(parseWeatherHistoryRow(row('36.9', ''), 2)).toMatchObject({ tmaxTenths: 369, precipTenths: null });
    expect(parseWeatherHistoryRow(row('', ''), 2)).toMatchObject({ tmaxTenths: null, precipTenths: null });
  });

  it('floors a finer value to tenths as the claim rules compare (never up into a hot day), on the digits', () => {
    expect(parseWeatherHistoryRow(row('36.95', '1.95'), 2)).toMatchObject({ tmaxTenths: 369, precipTenths: 19 });
    expect(parseWeatherHistoryRow(row('36.949', '1.94'), 2)).toMatchObject({ tmaxTenths: 369, precipTenths: 19 });
    expect(parseWeatherHistoryRow(row('-3.25', '0.05'), 2)).toMatchObject({ tmaxTenths: -33, precipTenths: 0 });
    expect(parseWeatherHistoryRow(row('37', '.5'), 2)).toMatchObject({ tmaxTenths: 370, precipTenths: 5 });
    expect(parseWeatherHistoryRow(row('-0.0', '0.00'), 2)).toMatchObject({ tmaxTenths: 0, precipTenths: 0 });
  });

  it('accepts the physical bounds themselves', () => {
    expect(parseWeatherHistoryRow(row('-60', '500'), 2)).toMatchObject({ tmaxTenths: -600, precipTenths: 5000 });
    expect(parseWeatherHistoryRow(row('60.0', '500.0'), 2)).toMatchObject({ tmaxTenths: 600, precipTenths: 5000 });
  });

  it.each([
    [row('NaN', '0'), 'tmax must be a number of °C, got "NaN"'],
    [row('1e2', '0'), 'tmax must be a number of °C, got "1e2"'],
    [row('37,5', '0'), 'tmax must be a number of °C, got "37,5"'],
    [row('.', '0'), 'tmax must be a number of °C, got "."'],
    [row('60.05', '0'), 'tmax must be between -60 and 60 °C, got "60.05"'],
    [row('-61', '0'), 'tmax must be between -60 and 60 °C, got "-61"'],
    [row('370', '0'), 'tmax must be between -60 and 60 °C, got "370"'],
    [row('30', 'NaN'), 'precipitation must be a number of mm, got "NaN"'],
    [row('30', '-0.1'), 'precipitation cannot be negative, got "-0.1"'],
    [row('30', '500.1'), 'precipitation must be at most 500 mm, got "500.1"'],
    [row('30', '12345678901'), 'precipitation must be at most 500 mm, got "12345678901"'],
    [row('30', '1', { date: '2016-02-30' }), 'no such date: "2016-02-30"'],
    [row('30', '1', { date: '2016/07/21' }), 'date must be YYYY-MM-DD, got "2016/07/21"'],
    [row('30', '1', { date: '' }), 'date must be YYYY-MM-DD, got ""'],
    [row('30', '1', { station: '' }), `station must be 1-16 letters, digits, '-' or '_', got ""`],
    [row('30', '1', { station: 'A 584' }), `station must be 1-16 letters, digits, '-' or '_', got "A 584"`],
    [
      row('30', '1', { station: 'X'.repeat(17) }),
      `station must be 1-16 letters, digits, '-' or '_', got "${'X'.repeat(17)}"`,
    ],
    [['57516', '2016-07-21', '30'], 'expected 4 columns (station,date,tmax,precipitation), found 3'],
  ])('rejects %j with its line number and reason', (fields, reason) => {
    const error = rejection(fields, 12);
    expect(error.lineNumber).toBe(12);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`line 12: ${reason}`);
  });

  it('recognises the header in any case, and nothing else as one', () => {
    expect(isWeatherHistoryHeader(['station', 'date', 'tmax', 'precipitation'])).toBe(true);
    expect(isWeatherHistoryHeader([' Station', 'DATE ', 'Tmax', 'Precipitation'])).toBe(true);
    expect(isWeatherHistoryHeader(['station', 'date', 'precipitation', 'tmax'])).toBe(false);
    expect(isWeatherHistoryHeader(['57516', '2016-07-21', '37.0', '0'])).toBe(false);
    expect(isWeatherHistoryHeader(['station', 'date', 'tmax'])).toBe(false);
  });
});
