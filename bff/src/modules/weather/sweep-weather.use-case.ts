import { Injectable, Logger } from '@nestjs/common';
import { addCalendarDays, beijingDateOf } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
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
      // RAIN (no tick) closes once its visit day is over; HEAT a few days after the season. The
      // cover's end instant bounds both, so the active-cover-end index finds them.
      const closed = rowsOf<{ id: string }>(
        await tx.manager.query(
          `UPDATE policies p SET status = CASE WHEN EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id AND c.amount_fen > 0) THEN 'claimed' ELSE 'expired' END
          WHERE p.status = 'active' AND p.cover_end <= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND p.place_code IS NOT NULL
            AND p.cover_end_date < CASE WHEN p.tick_fen IS NULL THEN $2::date ELSE $1::date - ${LATE_READING_DAYS} END
         RETURNING p.id`,
          [lastDue, today],
        ),
      );
      const closedCount = closed.length;
      if (due.length > 0 || closedCount > 0)
        this.logger.log({ enqueued: due.length, closed: closedCount }, 'weather sweep');
      return { enqueued: due.length, closed: closedCount };
    });
  }
}
