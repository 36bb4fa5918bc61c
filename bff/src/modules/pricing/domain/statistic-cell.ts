import { normalizeCarrier, normalizeFlightNo } from './flight-number.js';

/**
 * The levels of products.md §1, most specific first. One flight adds one to a cell at every
 * level, and a quote reads the same cells back: `statisticCellsFor` serves both, so the import
 * and the pricing can never disagree about which cell a flight belongs to.
 *
 * - `flight_season`: carrier + flight number + route, by quarter. The route is part of the key
 *   because one flight number can fly several legs (WN 165 MCI-BNA-...), and delay builds up
 *   leg by leg. Quarter rather than month: a daily flight gives at most ~31 observations a
 *   month, so a month cell would rarely earn credibility (Z = 31/(31+30) ≈ 0.5 at best), and a
 *   quote 30 days ahead often falls in a month the history has not seen yet. Quarters still
 *   keep the summer thunderstorm season apart from winter; month-level seasonality is carried
 *   by the route level below.
 * - `route_month_hour_band`: origin, destination, month and band of scheduled departure hour.
 * - `airline`, `origin_airport`, `destination_airport`, `national`: all history of each.
 */
export const STATISTIC_LEVELS = [
  'flight_season',
  'route_month_hour_band',
  'airline',
  'origin_airport',
  'destination_airport',
  'national',
] as const;
export type StatisticLevel = (typeof STATISTIC_LEVELS)[number];

/**
 * Bands of scheduled departure hour, by their first hour. Delay builds up through the day as
 * late aircraft and crews carry it forward, so the bands follow the day's banks: red-eye and
 * early (00-05), morning (06-09), midday (10-13), afternoon (14-17), evening (18-23).
 */
export const HOUR_BAND_STARTS = [0, 6, 10, 14, 18] as const;

export const hourBandOf = (hour: number): number => {
  let band = 0;
  for (const start of HOUR_BAND_STARTS) if (hour >= start) band = start;
  return band;
};

export const quarterOf = (month: number): number => Math.ceil(month / 3);

/** A flight to be priced, or a historical flight to be counted, by its schedule alone. */
export interface FlightSubject {
  carrier: string;
  flightNo: string;
  origin: string;
  destination: string;
  /** 1-12, local time of the origin. */
  month: number;
  /** 0-23, local time of the origin. */
  scheduledDepartureHour: number;
}

/**
 * One statistics cell. Dimensions a level does not use hold `''` or `0`, so that every cell
 * has a plain, non-null primary key in PostgreSQL.
 */
export interface StatisticCell {
  level: StatisticLevel;
  carrier: string;
  flightNo: string;
  origin: string;
  destination: string;
  quarter: number;
  month: number;
  hourBand: number;
}

export const cellId = (cell: StatisticCell): string =>
  [
    cell.level,
    cell.carrier,
    cell.flightNo,
    cell.origin,
    cell.destination,
    cell.quarter,
    cell.month,
    cell.hourBand,
  ].join('|');

const blank = { carrier: '', flightNo: '', origin: '', destination: '', quarter: 0, month: 0, hourBand: 0 };

/** The one cell of the national level. */
export const NATIONAL_CELL: StatisticCell = { ...blank, level: 'national' };

export const statisticCellsFor = (subject: FlightSubject): Record<StatisticLevel, StatisticCell> => {
  const carrier = normalizeCarrier(subject.carrier);
  const flightNo = normalizeFlightNo(carrier, subject.flightNo);
  const origin = subject.origin.trim().toUpperCase();
  const destination = subject.destination.trim().toUpperCase();
  return {
    flight_season: {
      ...blank,
      level: 'flight_season',
      carrier,
      flightNo,
      origin,
      destination,
      quarter: quarterOf(subject.month),
    },
    route_month_hour_band: {
      ...blank,
      level: 'route_month_hour_band',
      origin,
      destination,
      month: subject.month,
      hourBand: hourBandOf(subject.scheduledDepartureHour),
    },
    airline: { ...blank, level: 'airline', carrier },
    origin_airport: { ...blank, level: 'origin_airport', origin },
    destination_airport: { ...blank, level: 'destination_airport', destination },
    national: NATIONAL_CELL,
  };
};
