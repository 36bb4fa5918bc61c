import { normalizeCarrier, normalizeFlightNo } from './flight-number.js';
import type { FlightHistoryRecord, FlightOutcome } from './flight-history-record.js';
import { FlightHistoryRowError } from './flight-history-row.error.js';

/** Columns of the flights-2008 schema (US BTS on-time data), no header line. */
export const FLIGHT_HISTORY_COLUMNS = [
  'Year',
  'Month',
  'DayofMonth',
  'DayOfWeek',
  'DepTime',
  'CRSDepTime',
  'ArrTime',
  'CRSArrTime',
  'UniqueCarrier',
  'FlightNum',
  'TailNum',
  'ActualElapsedTime',
  'CRSElapsedTime',
  'AirTime',
  'ArrDelay',
  'DepDelay',
  'Origin',
  'Dest',
  'Distance',
  'TaxiIn',
  'TaxiOut',
  'Cancelled',
  'CancellationCode',
  'Diverted',
  'CarrierDelay',
  'WeatherDelay',
  'NASDelay',
  'SecurityDelay',
  'LateAircraftDelay',
] as const;

const column = (name: (typeof FLIGHT_HISTORY_COLUMNS)[number]): number => FLIGHT_HISTORY_COLUMNS.indexOf(name);
const YEAR = column('Year');
const MONTH = column('Month');
const DAY = column('DayofMonth');
const DEP_TIME = column('DepTime');
const CRS_DEP_TIME = column('CRSDepTime');
const CARRIER = column('UniqueCarrier');
const FLIGHT_NUM = column('FlightNum');
const ARR_DELAY = column('ArrDelay');
const ORIGIN = column('Origin');
const DEST = column('Dest');
const CANCELLED = column('Cancelled');
const CANCELLATION_CODE = column('CancellationCode');
const DIVERTED = column('Diverted');

/** The source writes a missing value as `\N` (MySQL export), an empty field, or `NA` (R). */
const isMissing = (value: string | undefined): boolean => {
  const text = value?.trim() ?? '';
  return text === '' || text === '\\N' || text === 'NA';
};

const INTEGER = /^-?\d+$/;

export type ParsedFlightHistoryRow =
  | { kind: 'flight'; record: FlightHistoryRecord }
  /** Neither arrived, cancelled nor diverted, and never departed: no evidence either way. */
  | { kind: 'no-outcome' };

/**
 * Reads one row of the flights-2008 schema. Structural faults (column count, month, codes,
 * scheduled time, a delay that is not a number) throw with the line number; the import is
 * all-or-nothing per file, so a half-read file never lands in the statistics.
 *
 * Outcome rules, in order:
 * 1. Cancelled when `CancellationCode` is filled or `Cancelled` is 1. The code is trusted over
 *    the flag because the redistributed files write `\N` in `Cancelled` for cancelled flights.
 * 2. Diverted when `Diverted` is 1.
 * 3. Arrived, with `ArrDelay` minutes (negative = early).
 * 4. Diverted when the flight departed (`DepTime` present) yet has no arrival delay: BTS records
 *    a diversion exactly so, and these files write `\N` in every `Diverted` field, so trusting
 *    the flag alone would silently count ~0.1% of flights, all of which pay, as on time.
 * 5. Otherwise the row has no outcome and is skipped, never counted as on time.
 */
export const parseFlightHistoryRow = (fields: readonly string[], lineNumber: number): ParsedFlightHistoryRow => {
  const fail = (reason: string): never => {
    throw new FlightHistoryRowError(lineNumber, reason);
  };
  if (fields.length !== FLIGHT_HISTORY_COLUMNS.length) {
    fail(`expected ${FLIGHT_HISTORY_COLUMNS.length} columns, found ${fields.length}`);
  }
  const text = (index: number): string => (isMissing(fields[index]) ? '' : fields[index]!.trim());

  const month = Number(text(MONTH));
  if (!INTEGER.test(text(MONTH)) || month < 1 || month > 12) fail(`Month must be 1-12, got "${fields[MONTH]}"`);

  const carrier = normalizeCarrier(text(CARRIER));
  if (!/^[A-Z0-9]{2,3}$/.test(carrier))
    fail(`UniqueCarrier must be a 2-3 character airline code, got "${fields[CARRIER]}"`);
  const flightNo = normalizeFlightNo(carrier, text(FLIGHT_NUM));
  if (!/^[A-Z0-9]{1,6}$/.test(flightNo)) fail(`FlightNum must be a flight number, got "${fields[FLIGHT_NUM]}"`);
  const origin = text(ORIGIN).toUpperCase();
  const destination = text(DEST).toUpperCase();
  if (!/^[A-Z]{3}$/.test(origin)) fail(`Origin must be a 3-letter airport code, got "${fields[ORIGIN]}"`);
  if (!/^[A-Z]{3}$/.test(destination)) fail(`Dest must be a 3-letter airport code, got "${fields[DEST]}"`);

  // Scheduled local time as hhmm without leading zeros: `5` is 00:05, `2400` is midnight.
  const crsDep = text(CRS_DEP_TIME);
  const hhmm = Number(crsDep);
  if (!/^\d{1,4}$/.test(crsDep) || hhmm > 2400 || hhmm % 100 >= 60)
    fail(`CRSDepTime must be local hhmm, got "${fields[CRS_DEP_TIME]}"`);
  const scheduledDepartureHour = Math.floor(hhmm / 100) % 24;

  const cancelled = text(CANCELLATION_CODE) !== '' || text(CANCELLED) === '1';
  const divertedFlag = text(DIVERTED) === '1';
  const arrDelay = text(ARR_DELAY);
  if (arrDelay !== '' && !INTEGER.test(arrDelay)) fail(`ArrDelay must be whole minutes, got "${fields[ARR_DELAY]}"`);

  let outcome: FlightOutcome;
  if (cancelled) outcome = { kind: 'cancelled' };
  else if (divertedFlag) outcome = { kind: 'diverted' };
  else if (arrDelay !== '') outcome = { kind: 'arrived', arrivalDelayMinutes: Number(arrDelay) };
  else if (text(DEP_TIME) !== '') outcome = { kind: 'diverted' };
  else return { kind: 'no-outcome' };

  // The service date is optional evidence: the statistics do not need it, the rolling backtest
  // and the recent-experience factor do. A row without a usable date still counts.
  const year = Number(text(YEAR));
  const day = Number(text(DAY));
  const record: FlightHistoryRecord = {
    carrier,
    flightNo,
    origin,
    destination,
    month,
    scheduledDepartureHour,
    outcome,
  };
  if (INTEGER.test(text(YEAR)) && INTEGER.test(text(DAY)) && year >= 1900 && day >= 1 && day <= 31) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1) record.serviceDate = date.toISOString().slice(0, 10);
  }
  return { kind: 'flight', record };
};
