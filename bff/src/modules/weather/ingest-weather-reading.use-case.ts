import { Injectable, Logger } from '@nestjs/common';
import {
  beijingDateOf,
  beijingDayStart,
  isHotDay,
  tmaxHundredths,
  type WeatherIngestOutcome,
  type WeatherReadingEvent,
} from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { SettleRainDayUseCase } from './settle-rain-day.use-case.js';
import { WeatherPlaces, type WeatherPlaceRecord } from './weather-places.js';
import { heatSettleAt, WEATHER_QUEUES } from './weather.queues.js';

export interface WeatherIngestResult {
  outcome: WeatherIngestOutcome;
  /** RAIN claims approved by this reading. */
  approvedClaims: number;
}

/**
 * Readings are kept in hundredths: °C × 100 and mm × 100, exact for what stations report. A finer
 * daily maximum is truncated as the hot-day rule truncates it (36.999 is stored 36.99, not rounded
 * up into a hot 37.00).
 */
const hundredths = (value: number): number => Math.round(value * 100);
/** The provider may be a little ahead of us; anything further in the future is refused. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

/**
 * One weather observation, pushed or pulled. It is stored first (every reading is evidence, with
 * its source), then applied to the station's current value:
 * - the same event id again changes nothing (`duplicate`), nor does the same value under a new id
 *   (`unchanged`) or an observation older than the current one (`stale`);
 * - a new value before its day is settled replaces the current one (`applied`): a 36.9 that
 *   corrects a 37.1 during the night is what the morning's settlement reads;
 * - a new value after settlement is kept and `flagged` for review when it would have changed the
 *   decision, and never claws anything back.
 * A daily maximum whose settlement time has passed is settled straight away (a job); an hour of
 * rain is evaluated at once, so a RAIN claim is offered within minutes of the observation.
 */
@Injectable()
export class IngestWeatherReadingUseCase {
  private readonly logger = new Logger('IngestWeatherReading');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly places: WeatherPlaces,
    private readonly clock: Clock,
    private readonly rain: SettleRainDayUseCase,
  ) {}

  async execute(event: WeatherReadingEvent, source: 'push' | 'poll'): Promise<WeatherIngestResult> {
    const now = this.clock.now();
    const observedAt = new Date(event.observedAt);
    const readingDate = event.kind === 'daily_max' ? event.date : beijingDateOf(new Date(event.hourStart));
    const latest = now.getTime() + FUTURE_TOLERANCE_MS;
    const startsAt = event.kind === 'daily_max' ? beijingDayStart(event.date).getTime() : Date.parse(event.hourStart);
    if (startsAt > latest || observedAt.getTime() > latest) {
      throw new AppException('WEATHER_READING_INVALID', [
        { field: 'observedAt', issue: 'an observation from the future' },
      ]);
    }
    const value = event.kind === 'daily_max' ? tmaxHundredths(event.tmaxCelsius) : hundredths(event.precipitationMm);
    const place = await this.places.byStation(event.stationId);

    return this.unitOfWork.run(async (tx) => {
      const [stored] = (await tx.manager.query(
        `INSERT INTO weather_readings (event_id, source, station_id, kind, reading_date, hour_start, value_hundredths, observed_at, outcome, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'unknown_station', $9)
         ON CONFLICT (event_id) DO NOTHING RETURNING id`,
        [
          event.eventId,
          source,
          event.stationId,
          event.kind,
          readingDate,
          event.kind === 'hourly_precip' ? event.hourStart : null,
          value,
          observedAt,
          JSON.stringify(event),
        ],
      )) as { id: string }[];
      if (!stored) return { outcome: 'duplicate' as const, approvedClaims: 0 };
      if (!place) {
        this.logger.warn(
          { stationId: event.stationId, eventId: event.eventId },
          'reading from a station we do not insure at',
        );
        return { outcome: 'unknown_station' as const, approvedClaims: 0 };
      }
      const result =
        event.kind === 'daily_max'
          ? await this.applyDailyMax(tx, place, stored.id, event.date, value, observedAt, now)
          : await this.applyHourlyPrecip(tx, place, stored.id, event.hourStart, readingDate, value, observedAt);
      await tx.manager.query(`UPDATE weather_readings SET outcome = $2 WHERE id = $1`, [stored.id, result.outcome]);
      return result;
    });
  }

  private async applyDailyMax(
    tx: Transaction,
    place: WeatherPlaceRecord,
    readingId: string,
    day: string,
    value: number,
    observedAt: Date,
    now: Date,
  ): Promise<WeatherIngestResult> {
    const { manager } = tx;
    // Serialises readings of one station-day (two corrections racing each other).
    const [current] = (await manager.query(
      `SELECT tmax_hundredths, observed_at FROM weather_daily_max WHERE station_id = $1 AND reading_date = $2 FOR UPDATE`,
      [place.stationId, day],
    )) as { tmax_hundredths: number; observed_at: Date }[];
    if (current && current.observed_at.getTime() > observedAt.getTime()) return { outcome: 'stale', approvedClaims: 0 };
    if (current && current.tmax_hundredths === value) return { outcome: 'unchanged', approvedClaims: 0 };
    await manager.query(
      `INSERT INTO weather_daily_max (station_id, reading_date, tmax_hundredths, reading_id, observed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (station_id, reading_date) DO UPDATE SET tmax_hundredths = EXCLUDED.tmax_hundredths, reading_id = EXCLUDED.reading_id, observed_at = EXCLUDED.observed_at`,
      [place.stationId, day, value, readingId, observedAt],
    );
    if (place.kind !== 'city') return { outcome: 'applied', approvedClaims: 0 };

    const [settled] = (await manager.query(
      `SELECT tmax_hundredths, threshold_hundredths, hot FROM heat_settlements WHERE place_code = $1 AND day = $2`,
      [place.code, day],
    )) as { tmax_hundredths: number; threshold_hundredths: number; hot: boolean }[];
    if (settled) {
      // Already paid (or not) on the settled value: never clawed back, reviewed by staff when the
      // correction would have decided differently (by the shared hot-day rule).
      const hotNow = isHotDay(value / 100, settled.threshold_hundredths / 100);
      if (hotNow === settled.hot) return { outcome: 'applied', approvedClaims: 0 };
      await manager.query(
        `INSERT INTO weather_review_flags (place_code, kind, reading_date, settled_hundredths, corrected_hundredths, reading_id, note)
         VALUES ($1, 'daily_max', $2, $3, $4, $5, $6)`,
        [
          place.code,
          day,
          settled.tmax_hundredths,
          value,
          readingId,
          `${place.name} ${day} 日最高气温结算后更正：${settled.tmax_hundredths / 100}°C → ${value / 100}°C（已按结算值处理，不追回）`,
        ],
      );
      this.logger.warn(
        { placeCode: place.code, day, settled: settled.tmax_hundredths, corrected: value },
        'heat reading corrected after settlement: flagged',
      );
      return { outcome: 'flagged', approvedClaims: 0 };
    }
    if (heatSettleAt(day).getTime() <= now.getTime()) {
      await tx.enqueue(
        WEATHER_QUEUES.settleHeatDay,
        { placeCode: place.code, day },
        { singletonKey: `${place.code}:${day}` },
      );
    }
    return { outcome: 'applied', approvedClaims: 0 };
  }

  private async applyHourlyPrecip(
    tx: Transaction,
    place: WeatherPlaceRecord,
    readingId: string,
    hourStart: string,
    day: string,
    value: number,
    observedAt: Date,
  ): Promise<WeatherIngestResult> {
    const { manager } = tx;
    const [current] = (await manager.query(
      `SELECT precip_hundredths, observed_at FROM weather_hourly_precip WHERE station_id = $1 AND hour_start = $2 FOR UPDATE`,
      [place.stationId, hourStart],
    )) as { precip_hundredths: number; observed_at: Date }[];
    if (current && current.observed_at.getTime() > observedAt.getTime()) return { outcome: 'stale', approvedClaims: 0 };
    if (current && current.precip_hundredths === value) return { outcome: 'unchanged', approvedClaims: 0 };
    await manager.query(
      `INSERT INTO weather_hourly_precip (station_id, hour_start, reading_date, precip_hundredths, reading_id, observed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (station_id, hour_start) DO UPDATE SET precip_hundredths = EXCLUDED.precip_hundredths, reading_id = EXCLUDED.reading_id, observed_at = EXCLUDED.observed_at`,
      [place.stationId, hourStart, day, value, readingId, observedAt],
    );
    if (place.kind !== 'spot') return { outcome: 'applied', approvedClaims: 0 };
    const evaluation = await this.rain.evaluate(tx, place, day, readingId, value, current?.precip_hundredths ?? null);
    return { outcome: evaluation.flagged ? 'flagged' : 'applied', approvedClaims: evaluation.approvedClaims };
  }
}
