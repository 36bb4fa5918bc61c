import { beijingHourIso, beijingHourOf, dateOfDayNumber, dayNumberOf } from './beijing-calendar.js';
import { WeatherClimate } from './weather-climate.js';
import type { WeatherFeedDelivery, WeatherFeedPusher } from './weather-feed-pusher.js';
import {
  dailyMaxInputSchema,
  historyQuerySchema,
  hourlyPrecipInputSchema,
  observationsQuerySchema,
  parseInput,
  pullFaultInputSchema,
  pushDayInputSchema,
  WeatherInputError,
  type DailyMaxInput,
  type HourlyPrecipInput,
  type PullFaultInput,
} from './weather-inputs.js';
import { stationById, WEATHER_STATIONS, type WeatherStation, type WeatherStationKind } from './weather-stations.js';

/** The provider's readings, in the shape of shared's weatherReadingEventSchema (the feed and the pull API). */
export interface DailyMaxEvent {
  eventId: string;
  kind: 'daily_max';
  stationId: string;
  /** The Beijing calendar day. */
  date: string;
  tmaxCelsius: number;
  /** The end of the day. */
  observedAt: string;
}

export interface HourlyPrecipEvent {
  eventId: string;
  kind: 'hourly_precip';
  stationId: string;
  /** The instant the hour starts, Beijing offset. */
  hourStart: string;
  precipitationMm: number;
  /** The end of the hour. */
  observedAt: string;
}

export type WeatherReadingEvent = DailyMaxEvent | HourlyPrecipEvent;

export interface WeatherStationSummary {
  stationId: string;
  kind: WeatherStationKind;
  /** The BFF's place code. */
  code: string;
  name: string;
  cityName: string;
}

export interface SetReadingResult<E extends WeatherReadingEvent> {
  event: E;
  /** The webhook's answer (0: unreachable); null when not pushed or no feed URL is set. */
  pushStatus: number | null;
}

export interface PushDayResult {
  date: string;
  events: number;
  delivered: number;
  failed: number;
  feedUrl: string | null;
}

/** A reading set through the control API in place of the model's; the model's own is revision 0. */
interface Override {
  value: number;
  revision: number;
}

export const DEFAULT_WEATHER_SEED = 20_260_621;

/** RAIN's visiting window: the 8 hours starting 09:00 … 16:00 Beijing. */
const WINDOW_FIRST_HOUR = 9;
const WINDOW_HOURS = 8;
const PUSH_CONCURRENCY = 6;

const hh = (hour: number) => String(hour).padStart(2, '0');
const dayKey = (stationId: string, date: string) => `${stationId}|${date}`;
const hourKey = (stationId: string, date: string, hour: number) => `${stationId}|${date}|${hh(hour)}`;
const formatTenths = (tenths: number) => (tenths / 10).toFixed(1);

/**
 * The simulated weather provider (CMA-style station observations): a deterministic climate per
 * station, readings corrected through the control API, the pull API's answers, and the signed feed.
 */
export class WeatherProvider {
  private readonly climate: WeatherClimate;
  private readonly dailyOverrides = new Map<string, Override>();
  private readonly hourlyOverrides = new Map<string, Override>();
  /** `station|date` of the days that have an hourly override (the history's fast path skips the rest). */
  private readonly daysWithHourlyOverrides = new Set<string>();
  private pullFault: { status: number; remaining: number } | undefined;

  constructor(
    readonly feed: WeatherFeedPusher,
    readonly seed = DEFAULT_WEATHER_SEED,
  ) {
    this.climate = new WeatherClimate(seed);
  }

  stations(): WeatherStationSummary[] {
    return WEATHER_STATIONS.map(({ stationId, kind, code, name, cityName }) => ({
      stationId,
      kind,
      code,
      name,
      cityName,
    }));
  }

  /** The station's daily maximum of a Beijing day (any station: spots have one in the history too). */
  dailyMax(stationId: string, date: string): DailyMaxEvent {
    const { date: day } = parseInput(observationsQuerySchema, { date });
    return this.dailyMaxEvent(this.station(stationId), day);
  }

  /** The 24 hourly precipitation readings of a spot station's Beijing day, 00:00 … 23:00. */
  hourlyPrecip(stationId: string, date: string): HourlyPrecipEvent[] {
    const { date: day } = parseInput(observationsQuerySchema, { date });
    return this.hourlyEvents(this.rainStation(stationId), day);
  }

  /** Millimetres between 09:00 and 17:00 Beijing, to 0.1 (what RAIN pays on). */
  windowPrecipitationMm(stationId: string, date: string): number {
    const hours = this.hourlyPrecip(stationId, date).slice(WINDOW_FIRST_HOUR, WINDOW_FIRST_HOUR + WINDOW_HOURS);
    return Math.round(hours.reduce((sum, reading) => sum + Math.round(reading.precipitationMm * 100), 0) / 10) / 10;
  }

  /** The pull API's day: one daily maximum per city station, 24 hourly readings per spot station. */
  observations(date: string): { date: string; readings: WeatherReadingEvent[] } {
    const { date: day } = parseInput(observationsQuerySchema, { date });
    const readings: WeatherReadingEvent[] = [];
    for (const station of WEATHER_STATIONS) {
      if (station.kind === 'city') readings.push(this.dailyMaxEvent(station, day));
      else readings.push(...this.hourlyEvents(station, day));
    }
    return { date: day, readings };
  }

  /**
   * `station,date,tmax,precipitation`: every station, every day of `from..to`. `tmax` in °C and
   * `precipitation` in mm over the 09:00–17:00 window, both to 0.1; city stations report no
   * precipitation (the field is empty).
   */
  historyCsv(from: string, to: string): string {
    const range = parseInput(historyQuerySchema, { from, to });
    const fromDay = dayNumberOf(range.from);
    const toDay = dayNumberOf(range.to);
    const lines = ['station,date,tmax,precipitation'];
    const dates = Array.from({ length: toDay - fromDay + 1 }, (_, index) => dateOfDayNumber(fromDay + index));
    const anyDailyOverride = this.dailyOverrides.size > 0;
    for (const station of WEATHER_STATIONS) {
      const tmax = this.climate.dailyMaxTenths(station, fromDay, toDay);
      const hourly = station.rain ? this.climate.hourlyPrecipTenths(station, fromDay, toDay) : undefined;
      for (let day = fromDay; day <= toDay; day += 1) {
        const index = day - fromDay;
        const date = dates[index]!;
        const tmaxOverride = anyDailyOverride ? this.dailyOverrides.get(dayKey(station.stationId, date)) : undefined;
        const tmaxTenths = tmaxOverride ? Math.round(tmaxOverride.value * 10) : tmax[index]!;
        let precipitation = '';
        if (hourly) {
          let hundredths = 0;
          const overridden =
            this.daysWithHourlyOverrides.size > 0 && this.daysWithHourlyOverrides.has(dayKey(station.stationId, date));
          for (let hour = WINDOW_FIRST_HOUR; hour < WINDOW_FIRST_HOUR + WINDOW_HOURS; hour += 1) {
            const override = overridden ? this.hourlyOverrides.get(hourKey(station.stationId, date, hour)) : undefined;
            hundredths += override ? Math.round(override.value * 100) : hourly[index * 24 + hour]! * 10;
          }
          precipitation = formatTenths(Math.round(hundredths / 10));
        }
        lines.push(`${station.stationId},${date},${formatTenths(tmaxTenths)},${precipitation}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** A city station's daily maximum is corrected (or set for a test): the next revision, pushed unless `push: false`. */
  async setDailyMax(raw: DailyMaxInput): Promise<SetReadingResult<DailyMaxEvent>> {
    const input = parseInput(dailyMaxInputSchema, raw);
    const station = this.station(input.stationId);
    if (station.kind !== 'city')
      throw new WeatherInputError(
        400,
        'INVALID_REQUEST',
        `${station.stationId} is a scenic-spot station: it reports hourly precipitation`,
      );
    const key = dayKey(station.stationId, input.date);
    this.dailyOverrides.set(key, {
      value: input.tmaxCelsius,
      revision: (this.dailyOverrides.get(key)?.revision ?? 0) + 1,
    });
    const event = this.dailyMaxEvent(station, input.date);
    return { event, pushStatus: input.push ? await this.pushOne(event) : null };
  }

  /** A spot station's hour of precipitation is corrected (or set for a test): as for `setDailyMax`. */
  async setHourlyPrecip(raw: HourlyPrecipInput): Promise<SetReadingResult<HourlyPrecipEvent>> {
    const input = parseInput(hourlyPrecipInputSchema, raw);
    const station = this.rainStation(input.stationId);
    const hour = beijingHourOf(input.hourStart);
    if (!hour)
      throw new WeatherInputError(
        400,
        'INVALID_REQUEST',
        'hourStart must be the start of an hour, e.g. 2027-07-01T14:00:00+08:00',
      );
    parseInput(observationsQuerySchema, { date: hour.date });
    const key = hourKey(station.stationId, hour.date, hour.hour);
    this.hourlyOverrides.set(key, {
      value: input.precipitationMm,
      revision: (this.hourlyOverrides.get(key)?.revision ?? 0) + 1,
    });
    this.daysWithHourlyOverrides.add(dayKey(station.stationId, hour.date));
    const modelTenths = this.climate.hourlyPrecipTenths(station, dayNumberOf(hour.date), dayNumberOf(hour.date))[
      hour.hour
    ]!;
    const event = this.hourlyEvent(station, hour.date, hour.hour, modelTenths);
    return { event, pushStatus: input.push ? await this.pushOne(event) : null };
  }

  /** The provider's daily push: every reading of the day, to the feed URL. */
  async pushDay(raw: { date: string }): Promise<PushDayResult> {
    const { date } = parseInput(pushDayInputSchema, raw);
    const { readings } = this.observations(date);
    const deliveries: (WeatherFeedDelivery | undefined)[] = [];
    let next = 0;
    const worker = async () => {
      while (next < readings.length) deliveries.push(await this.feed.push(readings[next++]!));
    };
    await Promise.all(Array.from({ length: PUSH_CONCURRENCY }, worker));
    const delivered = deliveries.filter(
      (delivery) => delivery && delivery.status >= 200 && delivery.status < 300,
    ).length;
    const attempted = deliveries.filter((delivery) => delivery !== undefined).length;
    return { date, events: readings.length, delivered, failed: attempted - delivered, feedUrl: this.feed.url ?? null };
  }

  /** The next `times` pull-API requests answer `status` (an outage, a rate limit) instead of data. */
  failPulls(raw: PullFaultInput): { status: number; times: number } {
    const input = parseInput(pullFaultInputSchema, raw);
    this.pullFault = { status: input.status, remaining: input.times };
    return { status: input.status, times: input.times };
  }

  clearPullFaults(): void {
    this.pullFault = undefined;
  }

  /** The pull API asks whether this request fails; counts it down. */
  takePullFault(): number | undefined {
    const fault = this.pullFault;
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pullFault = undefined;
    return fault.status;
  }

  private station(stationId: string): WeatherStation {
    const station = stationById(stationId);
    if (!station) throw new WeatherInputError(404, 'UNKNOWN_STATION', `no station ${stationId}`);
    return station;
  }

  private rainStation(stationId: string): WeatherStation {
    const station = this.station(stationId);
    if (!station.rain)
      throw new WeatherInputError(
        400,
        'INVALID_REQUEST',
        `${station.stationId} is a city reference station: it reports the daily maximum`,
      );
    return station;
  }

  private async pushOne(event: WeatherReadingEvent): Promise<number | null> {
    return (await this.feed.push(event))?.status ?? null;
  }

  private dailyMaxEvent(station: WeatherStation, date: string): DailyMaxEvent {
    const day = dayNumberOf(date);
    const override = this.dailyOverrides.get(dayKey(station.stationId, date));
    return {
      // One id per (station, day, revision): a re-delivery of the same reading carries the same id.
      eventId: `wx-${station.stationId}-${date}-max-r${override?.revision ?? 0}`,
      kind: 'daily_max',
      stationId: station.stationId,
      date,
      tmaxCelsius: override ? override.value : this.climate.dailyMaxTenths(station, day, day)[0]! / 10,
      observedAt: beijingHourIso(date, 24),
    };
  }

  private hourlyEvents(station: WeatherStation, date: string): HourlyPrecipEvent[] {
    const day = dayNumberOf(date);
    const tenths = this.climate.hourlyPrecipTenths(station, day, day);
    return Array.from({ length: 24 }, (_, hour) => this.hourlyEvent(station, date, hour, tenths[hour]!));
  }

  private hourlyEvent(station: WeatherStation, date: string, hour: number, modelTenths: number): HourlyPrecipEvent {
    const override = this.hourlyOverrides.get(hourKey(station.stationId, date, hour));
    return {
      eventId: `wx-${station.stationId}-${date}T${hh(hour)}-pr-r${override?.revision ?? 0}`,
      kind: 'hourly_precip',
      stationId: station.stationId,
      hourStart: beijingHourIso(date, hour),
      precipitationMm: override ? override.value : modelTenths / 10,
      observedAt: beijingHourIso(date, hour + 1),
    };
  }
}
