import { z } from 'zod';
import { localDateSchema } from './flight.contract.js';

/** A place weather cover is sold for: a city (HEAT37, its reference station) or a scenic spot (RAIN). */
export const weatherPlaceKindSchema = z.enum(['city', 'spot']);
export type WeatherPlaceKind = z.infer<typeof weatherPlaceKindSchema>;

export const placeCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, '城市或景区代码不正确');

export const weatherPlaceSchema = z.object({
  code: z.string(),
  kind: weatherPlaceKindSchema,
  name: z.string(),
  /** The city a spot lies in (the city itself for a city). */
  cityName: z.string(),
  stationId: z.string(),
  /** HEAT37: the city's deductible under the version on sale (hot days that pay nothing). */
  deductibleDays: z.number().int().nonnegative().nullable(),
  /** HEAT37: hot days per season over the history, for the picker's hint; null without history. */
  averageHotDays: z.number().nonnegative().nullable(),
});
export type WeatherPlace = z.infer<typeof weatherPlaceSchema>;

export const weatherPlaceListQuerySchema = z.object({ kind: weatherPlaceKindSchema });
export const weatherPlaceListResponseSchema = z.object({ items: z.array(weatherPlaceSchema) });
export type WeatherPlaceListResponse = z.infer<typeof weatherPlaceListResponseSchema>;

/** The weather subject of a quote, order or policy: what, where and when is covered. */
export const heatSubjectSchema = z.object({
  kind: z.literal('heat'),
  cityCode: z.string(),
  cityName: z.string(),
  seasonYear: z.number().int(),
  units: z.number().int().positive(),
  /** First and last covered Beijing day, both included (the waiting period already applied). */
  coverStartDate: localDateSchema,
  coverEndDate: localDateSchema,
  deductibleDays: z.number().int().nonnegative(),
  thresholdCelsius: z.number(),
  tickPerUnitFen: z.number().int().nonnegative(),
  capPerUnitFen: z.number().int().nonnegative(),
});
export type HeatSubject = z.infer<typeof heatSubjectSchema>;

export const rainSubjectSchema = z.object({
  kind: z.literal('rain'),
  spotCode: z.string(),
  spotName: z.string(),
  cityName: z.string(),
  visitDate: localDateSchema,
  persons: z.number().int().positive(),
  thresholdMm: z.number(),
  windowStart: z.string(),
  windowEnd: z.string(),
  payoutPerPersonFen: z.number().int().nonnegative(),
  /** When sales for this visit date close (20:00 Beijing the day before). */
  saleClosesAt: z.iso.datetime({ offset: true }),
});
export type RainSubject = z.infer<typeof rainSubjectSchema>;

export const weatherSubjectSchema = z.discriminatedUnion('kind', [heatSubjectSchema, rainSubjectSchema]);
export type WeatherSubject = z.infer<typeof weatherSubjectSchema>;

/**
 * `POST /api/v1/feeds/weather`: one signed observation. Temperatures in °C and precipitation in
 * mm as the station reports them (to 0.1, sometimes 0.01). `date` is the Beijing calendar day of a
 * daily maximum; `hourStart` the instant an hour of precipitation *starts*.
 */
export const dailyMaxReadingEventSchema = z.object({
  eventId: z.string().min(1).max(64),
  kind: z.literal('daily_max'),
  stationId: z.string().min(1).max(16),
  date: localDateSchema,
  tmaxCelsius: z.number().min(-60).max(60),
  observedAt: z.iso.datetime({ offset: true }),
});
export const hourlyPrecipReadingEventSchema = z.object({
  eventId: z.string().min(1).max(64),
  kind: z.literal('hourly_precip'),
  stationId: z.string().min(1).max(16),
  hourStart: z.iso.datetime({ offset: true }),
  precipitationMm: z.number().min(0).max(500),
  observedAt: z.iso.datetime({ offset: true }),
});
export const weatherReadingEventSchema = z.discriminatedUnion('kind', [
  dailyMaxReadingEventSchema,
  hourlyPrecipReadingEventSchema,
]);
export type WeatherReadingEvent = z.infer<typeof weatherReadingEventSchema>;
export type DailyMaxReadingEvent = z.infer<typeof dailyMaxReadingEventSchema>;
export type HourlyPrecipReadingEvent = z.infer<typeof hourlyPrecipReadingEventSchema>;

/** The pull API's answer (`GET {WEATHER_DATA_ORIGIN}/weather-data/v1/observations?date=YYYY-MM-DD`). */
export const weatherObservationsResponseSchema = z.object({
  date: localDateSchema,
  readings: z.array(weatherReadingEventSchema),
});
export type WeatherObservationsResponse = z.infer<typeof weatherObservationsResponseSchema>;

export const weatherIngestOutcomeSchema = z.enum([
  'applied',
  'unchanged',
  'stale',
  'flagged',
  'unknown_station',
  'duplicate',
]);
export type WeatherIngestOutcome = z.infer<typeof weatherIngestOutcomeSchema>;
