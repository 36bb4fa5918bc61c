import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { SettleHeatDayUseCase } from './settle-heat-day.use-case.js';
import { NotifyHeatClaimsUseCase } from '../claim/notify-heat-claims.use-case.js';
import { PullWeatherObservationsUseCase } from './pull-weather-observations.use-case.js';
import { SweepWeatherUseCase } from './sweep-weather.use-case.js';
import { WEATHER_QUEUES } from './weather.queues.js';

/** The weather module's queues: thin handlers that call use cases. */
@Injectable()
export class WeatherJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly heat: SettleHeatDayUseCase,
    private readonly sweep: SweepWeatherUseCase,
    private readonly pull: PullWeatherObservationsUseCase,
    private readonly notify: NotifyHeatClaimsUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.heat.slices = this.config.raw.HEAT_SETTLE_SLICES;
    this.heat.concurrency = this.config.raw.HEAT_SETTLE_CONCURRENCY;
    // A settlement of a million policies takes a while: give it time before pg-boss calls it lost.
    this.jobs.define({
      name: WEATHER_QUEUES.settleHeatDay,
      retryLimit: 20,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: 3600,
    });
    this.jobs.define({ name: WEATHER_QUEUES.sweep, retryLimit: 0, expireInSeconds: 600 });
    this.jobs.define({ name: WEATHER_QUEUES.pull, retryLimit: 3, retryDelay: 60, expireInSeconds: 600 });
    this.jobs.define({ name: WEATHER_QUEUES.notifyHeatClaims, retryLimit: 5, retryDelay: 60, expireInSeconds: 3600 });
    // One settlement at a time per process: each takes a few connections of the pool.
    this.jobs.handle<{ placeCode: string; day: string }>(
      WEATHER_QUEUES.settleHeatDay,
      async ({ placeCode, day }) => {
        await this.heat.settle(placeCode, day);
      },
      1,
    );
    this.jobs.handle(WEATHER_QUEUES.sweep, async () => {
      await this.sweep.execute();
    });
    this.jobs.handle<{ date?: string }>(WEATHER_QUEUES.pull, async ({ date }) => {
      await this.pull.execute(date);
    });
    this.jobs.handle(WEATHER_QUEUES.notifyHeatClaims, async () => {
      await this.notify.execute();
    });
    const sweepSchedule = this.config.raw.WEATHER_SWEEP_SCHEDULE;
    if (sweepSchedule !== 'off') this.jobs.onBoot(() => this.jobs.schedule(WEATHER_QUEUES.sweep, sweepSchedule));
    const pullSchedule = this.config.raw.WEATHER_PULL_SCHEDULE;
    if (pullSchedule !== 'off') this.jobs.onBoot(() => this.jobs.schedule(WEATHER_QUEUES.pull, pullSchedule));
  }
}
