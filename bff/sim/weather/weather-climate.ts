import { calendarDayOf } from './beijing-calendar.js';
import { hashOf, normalAt, normalCdf, SeededRandom } from './seeded-random.js';
import type { HeatClimate, RainClimate, WeatherStation } from './weather-stations.js';

// Local aliases, as in seeded-random.ts (global lookups are slow in jest's sandbox).
const { cos, exp, floor, max, min, PI, round, sqrt } = Math;

/**
 * A deterministic, plausible climate: every value is a function of (seed, station, day) alone, so
 * any day of any year can be produced on demand and twice the same.
 *
 * Persistence (a hot spell, a rainy week) comes from AR(1) anomalies written as their moving-average
 * sum over the last few weeks of per-day shocks: `a(d) = √(1−φ²) Σ_k φ^k ε(d−k)`. The weight of the
 * oldest shock left out is φ^(K+1), far below the 0.1 the readings are rounded to, and a day never
 * depends on a state carried from an arbitrary starting day.
 */

const TMAX_PERSISTENCE = 0.7;
const TMAX_MEMORY_DAYS = 48;
const WET_PERSISTENCE = 0.5;
const WET_MEMORY_DAYS = 26;
const YEAR_DAYS = 365.25;
/** 梅雨 is at its height around 06-28 (day 178) on the lower Yangtze. */
const PLUM_RAIN_PEAK_DAY = 178;

export class WeatherClimate {
  constructor(private readonly seed: number) {}

  /** Daily maxima, in tenths of °C, for the days `fromDay..toDay` (day numbers, both included). */
  dailyMaxTenths(station: WeatherStation, fromDay: number, toDay: number): Int32Array {
    const climate = station.heat;
    const anomalies = this.persistentAnomalies(
      station.stationId,
      'tmax',
      fromDay,
      toDay,
      TMAX_PERSISTENCE,
      TMAX_MEMORY_DAYS,
    );
    const out = new Int32Array(toDay - fromDay + 1);
    const yearLevels = new Map<number, number>();
    for (let day = fromDay; day <= toDay; day += 1) {
      const calendar = calendarDayOf(day);
      let yearLevel = yearLevels.get(calendar.year);
      if (yearLevel === undefined) {
        // Part of a year's level is national (a hot summer is hot in many cities), part local.
        yearLevel =
          climate.yearSpreadC *
          (0.6 * normalAt(this.seed, 'tmax-year', calendar.year) +
            0.8 * normalAt(this.seed, station.stationId, 'tmax-year', calendar.year));
        yearLevels.set(calendar.year, yearLevel);
      }
      const tmax =
        normalMax(climate, calendar.dayOfYear) +
        yearLevel +
        spreadOn(climate, calendar.dayOfYear) * anomalies[day - fromDay]!;
      out[day - fromDay] = round(tmax * 10);
    }
    return out;
  }

  /**
   * Hourly precipitation, in tenths of mm, 24 Beijing hours (00:00…23:00) per day for the days
   * `fromDay..toDay`; all zero for a station without a rain climate.
   */
  hourlyPrecipTenths(station: WeatherStation, fromDay: number, toDay: number): Int32Array {
    const out = new Int32Array((toDay - fromDay + 1) * 24);
    const climate = station.rain;
    if (!climate) return out;
    const latent = this.persistentAnomalies(station.stationId, 'wet', fromDay, toDay, WET_PERSISTENCE, WET_MEMORY_DAYS);
    for (let day = fromDay; day <= toDay; day += 1) {
      const calendar = calendarDayOf(day);
      // Wet and dry years: the whole year's wetness shifts a little (variance 1 + 0.2² in all, so
      // the wet-day chance still holds on average).
      const wetness = latent[day - fromDay]! + 0.2 * normalAt(this.seed, station.stationId, 'wet-year', calendar.year);
      const wet = normalCdf(wetness / sqrt(1.04)) > 1 - wetDayChance(climate, calendar.dayOfYear);
      rainHours(
        climate,
        calendar.dayOfYear,
        wet,
        new SeededRandom(hashOf(this.seed, station.stationId, 'rain-hours', day)),
        out,
        (day - fromDay) * 24,
      );
    }
    return out;
  }

  /** Unit-variance AR(1) anomalies for `fromDay..toDay`, each from the shocks of its last `memory` days. */
  private persistentAnomalies(
    stationId: string,
    channel: string,
    fromDay: number,
    toDay: number,
    phi: number,
    memory: number,
  ): Float64Array {
    const shocks = new Float64Array(toDay - fromDay + 1 + memory);
    for (let i = 0; i < shocks.length; i += 1)
      shocks[i] = normalAt(this.seed, stationId, channel, fromDay - memory + i);
    const scale = sqrt(1 - phi * phi);
    const out = new Float64Array(toDay - fromDay + 1);
    for (let i = 0; i < out.length; i += 1) {
      let sum = 0;
      let weight = 1;
      for (let k = 0; k <= memory; k += 1) {
        sum += weight * shocks[i + memory - k]!;
        weight *= phi;
      }
      out[i] = scale * sum;
    }
    return out;
  }
}

const seasonal = (dayOfYear: number, peakDayOfYear: number): number =>
  cos((2 * PI * (dayOfYear - peakDayOfYear)) / YEAR_DAYS);

const plumRainWeight = (dayOfYear: number, halfWidthDays: number): number =>
  exp(-(((dayOfYear - PLUM_RAIN_PEAK_DAY) / halfWidthDays) ** 2));

/** The normal daily maximum of a day of the year. */
const normalMax = (climate: HeatClimate, dayOfYear: number): number =>
  climate.meanC +
  climate.amplitudeC * seasonal(dayOfYear, climate.peakDayOfYear) -
  (climate.plumRainCoolingC ?? 0) * plumRainWeight(dayOfYear, 14);

/** Summers are steadier than winters (no cold waves). */
const spreadOn = (climate: HeatClimate, dayOfYear: number): number => {
  const winterness = (1 - seasonal(dayOfYear, climate.peakDayOfYear)) / 2;
  return climate.summerSpreadC + (climate.winterSpreadC - climate.summerSpreadC) * winterness;
};

/** A monthly climate value on a day, interpolated between mid-month values. */
const byMonth = (values: readonly number[], dayOfYear: number): number => {
  const position = ((dayOfYear + 0.5) / YEAR_DAYS) * 12 - 0.5;
  const lower = floor(position);
  const fraction = position - lower;
  const at = (index: number) => values[(index + 12) % 12]!;
  return at(lower) * (1 - fraction) + at(lower + 1) * fraction;
};

const wetDayChance = (climate: RainClimate, dayOfYear: number): number =>
  min(0.95, byMonth(climate.wetDayChance, dayOfYear) + (climate.plumRainBoost ?? 0) * plumRainWeight(dayOfYear, 16));

/**
 * The hours of one day. A wet day brings either a frontal rain (hours of light to moderate rain
 * at any time, longer and heavier in the 梅雨) or afternoon convection (a short heavy shower that
 * usually starts between 13:00 and 18:00). A dry day may still see a trace of drizzle.
 */
const rainHours = (
  climate: RainClimate,
  dayOfYear: number,
  wet: boolean,
  random: SeededRandom,
  out: Int32Array,
  offset: number,
): void => {
  const mm = scratchHours.fill(0);
  if (!wet) {
    if (random.next() < 0.12) mm[random.int(0, 23)] = 0.1 + 0.3 * random.next();
  } else if (random.next() < byMonth(climate.convectiveShare, dayOfYear)) {
    const cells = random.next() < 0.3 ? 2 : 1;
    for (let cell = 0; cell < cells; cell += 1) {
      const onset = max(10, min(21, round(15 + 2 * random.normal())));
      const duration = random.int(1, 3);
      for (let hour = onset; hour < min(24, onset + duration); hour += 1) {
        mm[hour] += random.exponential(climate.convectiveMmPerHour / (1 + hour - onset));
      }
    }
  } else {
    const plumRain = plumRainWeight(dayOfYear, 16) * (climate.plumRainBoost ? 1 : 0);
    // Most of the night-rain basin's rain starts between 17:00 and 06:00.
    const start = climate.nocturnal && random.next() < 0.7 ? random.int(17, 30) % 24 : random.int(0, 23);
    const duration = random.int(2, 12 + round(6 * plumRain));
    const rate = climate.frontalMmPerHour * (1 + plumRain);
    for (let hour = start; hour < min(24, start + duration); hour += 1) {
      if (random.next() < 0.85) mm[hour] += random.exponential(rate);
    }
  }
  for (let hour = 0; hour < 24; hour += 1) out[offset + hour] = min(1200, round(mm[hour] * 10));
};

/** One day's millimetres while they are drawn (reused: the history draws hundreds of thousands of days). */
const scratchHours = new Float64Array(24);
