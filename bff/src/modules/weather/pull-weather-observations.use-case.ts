import { Injectable, Logger } from '@nestjs/common';
import { addCalendarDays, beijingDateOf, beijingDayEnd, type WeatherIngestOutcome } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { AppException } from '../../core/errors/app.exception.js';
import { WeatherDataClient } from '../../integrations/weather-data/weather-data.client.js';
import { IngestWeatherReadingUseCase } from './ingest-weather-reading.use-case.js';

/**
 * The backstop to the push feed: pull a day's observations (default: yesterday and today, Beijing)
 * from WEATHER_DATA_ORIGIN and ingest each one. Already-known readings are duplicates by event id
 * and change nothing; hours that have not ended yet are left for the next pull.
 */
@Injectable()
export class PullWeatherObservationsUseCase {
  private readonly logger = new Logger('PullWeatherObservations');

  constructor(
    private readonly client: WeatherDataClient,
    private readonly ingest: IngestWeatherReadingUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(date?: string): Promise<Partial<Record<WeatherIngestOutcome | 'not_yet' | 'refused', number>>> {
    const now = this.clock.now();
    const today = beijingDateOf(now);
    const dates = date ? [date] : [addCalendarDays(today, -1), today];
    const counts: Partial<Record<WeatherIngestOutcome | 'not_yet' | 'refused', number>> = {};
    const count = (key: WeatherIngestOutcome | 'not_yet' | 'refused') => (counts[key] = (counts[key] ?? 0) + 1);
    for (const day of dates) {
      const { readings } = await this.client.observations(day);
      for (const reading of readings) {
        // An observation is complete only once its day (daily maximum) or hour has ended.
        const endsAt =
          reading.kind === 'daily_max'
            ? beijingDayEnd(reading.date).getTime()
            : Date.parse(reading.hourStart) + 3600_000;
        if (endsAt > now.getTime()) {
          count('not_yet');
          continue;
        }
        try {
          count((await this.ingest.execute(reading, 'poll')).outcome);
        } catch (error) {
          if (!(error instanceof AppException)) throw error;
          count('refused');
        }
      }
    }
    this.logger.log({ dates, ...counts }, 'weather observations pulled');
    return counts;
  }
}
