import { Injectable, Logger } from '@nestjs/common';
import { addCalendarDays, beijingDateOf } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { CloseEndedCoverUseCase } from '../policy/close-ended-cover.use-case.js';
import { WEATHER_QUEUES } from './weather.queues.js';

/** Days a heat policy stays open after its last covered day, for a late reading to be settled. */
const LATE_READING_DAYS = 3;

/**
 * Every few minutes: enqueue the settlement of each city-day whose reading is in and whose
 * settlement time (08:00 the next morning) has passed, resume settlements a crash left unfinished,
 * and close weather policies whose cover is over (`claimed` when they earned something, else
 * `expired`).
 */
@Injectable()
export class SweepWeatherUseCase {
  private readonly logger = new Logger('SweepWeather');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly closeCover: CloseEndedCoverUseCase,
  ) {}

  async execute(): Promise<{ enqueued: number; closed: number }> {
    const now = this.clock.now();
    // The last day whose settlement time (next day 08:00 Beijing) has passed.
    const lastDue = addCalendarDays(beijingDateOf(new Date(now.getTime() - 8 * 3600_000)), -1);
    const today = beijingDateOf(now);
    return this.unitOfWork.run(async (tx) => {
      const due = (await tx.manager.query(
        `SELECT p.code AS place_code, to_char(m.reading_date, 'YYYY-MM-DD') AS day
           FROM weather_daily_max m JOIN weather_places p ON p.station_id = m.station_id AND p.kind = 'city'
           LEFT JOIN heat_settlements s ON s.place_code = p.code AND s.day = m.reading_date
          WHERE m.reading_date <= $1 AND m.reading_date >= $1::date - 400 AND (s.place_code IS NULL OR s.finished_at IS NULL)
          ORDER BY m.reading_date`,
        [lastDue],
      )) as { place_code: string; day: string }[];
      for (const { place_code: placeCode, day } of due) {
        await tx.enqueue(WEATHER_QUEUES.settleHeatDay, { placeCode, day }, { singletonKey: `${placeCode}:${day}` });
      }
      // The policy module closes them: RAIN once its visit day is over, HEAT a few days after the season.
      const closedCount = await this.closeCover.weather(tx, today, addCalendarDays(lastDue, -LATE_READING_DAYS));
      if (due.length > 0 || closedCount > 0)
        this.logger.log({ enqueued: due.length, closed: closedCount }, 'weather sweep');
      return { enqueued: due.length, closed: closedCount };
    });
  }
}
