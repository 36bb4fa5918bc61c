import { FLIGHT_HISTORY_COLUMNS } from '../../src/modules/pricing/domain/parse-flight-history-row.js';
import { emptyCounts, type OutcomeCounts } from '../../src/modules/pricing/domain/outcome-counts.js';
import { STATISTIC_LEVELS, type StatisticLevel } from '../../src/modules/pricing/domain/statistic-cell.js';

type Column = (typeof FLIGHT_HISTORY_COLUMNS)[number];

/**
 * A flights-2008 row (29 fields) as the real files write it: an on-time arrival unless
 * overridden. Tests generate their own history; none may read the shared data directory.
 */
export const flightRow = (overrides: Partial<Record<Column, string>> = {}): string[] => {
  const row: Record<Column, string> = {
    Year: '2008',
    Month: '7',
    DayofMonth: '15',
    DayOfWeek: '2',
    DepTime: '905',
    CRSDepTime: '900',
    ArrTime: '1112',
    CRSArrTime: '1110',
    UniqueCarrier: 'XA',
    FlightNum: '101',
    TailNum: 'B1234',
    ActualElapsedTime: '127',
    CRSElapsedTime: '130',
    AirTime: '110',
    ArrDelay: '2',
    DepDelay: '5',
    Origin: 'PEK',
    Dest: 'SHA',
    Distance: '1088',
    TaxiIn: '6',
    TaxiOut: '11',
    Cancelled: '\\N',
    CancellationCode: '',
    Diverted: '\\N',
    CarrierDelay: 'NA',
    WeatherDelay: 'NA',
    NASDelay: 'NA',
    SecurityDelay: 'NA',
    LateAircraftDelay: 'NA',
    ...overrides,
  };
  return FLIGHT_HISTORY_COLUMNS.map((column) => row[column]);
};

export const delayedBy = (minutes: number): Partial<Record<Column, string>> => ({ ArrDelay: String(minutes) });

/** As the real files write a cancellation: `Cancelled` reads `\N`, the code says it. */
export const cancelled: Partial<Record<Column, string>> = {
  DepTime: '\\N',
  ArrTime: '\\N',
  ArrDelay: '\\N',
  DepDelay: '\\N',
  CancellationCode: 'B',
  Cancelled: '\\N',
};

export const diverted: Partial<Record<Column, string>> = { ArrTime: '\\N', ArrDelay: '\\N', Diverted: '1' };

export const toCsv = (rows: string[][]): string => rows.map((row) => row.join(',')).join('\n') + '\n';

/** Statistics for the estimator: every level empty unless given. */
export const levelCounts = (
  given: Partial<Record<StatisticLevel, Partial<OutcomeCounts>>> = {},
): Record<StatisticLevel, OutcomeCounts> =>
  Object.fromEntries(STATISTIC_LEVELS.map((level) => [level, { ...emptyCounts(), ...given[level] }])) as Record<
    StatisticLevel,
    OutcomeCounts
  >;
