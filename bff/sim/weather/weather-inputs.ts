import { z } from 'zod';
import { isServedDate } from './beijing-calendar.js';

/** What a control call (HTTP or in-process) got wrong: 400 for bad input, 404 for an unknown station. */
export class WeatherInputError extends Error {
  override readonly name = 'WeatherInputError';
  constructor(
    readonly status: 400 | 404,
    readonly code: 'INVALID_REQUEST' | 'UNKNOWN_STATION',
    message: string,
  ) {
    super(message);
  }
}

const servedDate = z.iso.date().refine(isServedDate, 'date must be a calendar date from 2000-01-01 to 2100-12-31');
const stationId = z.string().min(1).max(16);

export const observationsQuerySchema = z.object({ date: servedDate });

/** At most 50 years per request (about 365,000 rows for the 20 stations). */
export const historyQuerySchema = z
  .object({ from: servedDate, to: servedDate })
  .refine((range) => range.from <= range.to, 'from must not be after to')
  .refine(
    (range) => Date.parse(range.to) - Date.parse(range.from) <= 50 * 366 * 86_400_000,
    'at most 50 years per request',
  );

export const dailyMaxInputSchema = z.object({
  stationId,
  date: servedDate,
  tmaxCelsius: z.number().min(-60).max(60),
  push: z.boolean().default(true),
});
export type DailyMaxInput = z.input<typeof dailyMaxInputSchema>;

export const hourlyPrecipInputSchema = z.object({
  stationId,
  /** The instant the hour starts, with an offset: `2027-07-01T14:00:00+08:00` (or the same in Z). */
  hourStart: z.iso.datetime({ offset: true }),
  precipitationMm: z.number().min(0).max(500),
  push: z.boolean().default(true),
});
export type HourlyPrecipInput = z.input<typeof hourlyPrecipInputSchema>;

export const pushDayInputSchema = z.object({ date: servedDate });

export const pullFaultInputSchema = z.object({
  status: z.number().int().min(400).max(599),
  times: z.number().int().positive().default(1),
});
export type PullFaultInput = z.input<typeof pullFaultInputSchema>;

export const feedUrlInputSchema = z.object({ url: z.url().nullable() });

/** Parses with `schema` or throws a 400 naming the fields. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new WeatherInputError(400, 'INVALID_REQUEST', z.prettifyError(parsed.error));
  return parsed.data;
};
