import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { beijingDateOf } from '@xiaoan/shared';
import { APP_CONFIG, type AppConfig } from '../../../core/config/app-config.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../../core/config/integrations-config.js';
import { WeatherDataClient } from '../../../integrations/weather-data/weather-data.client.js';
import { ImportWeatherHistoryUseCase } from './import-weather-history.use-case.js';

/** Years of history a development database gets: enough seasons for HEAT37's minimum of 10. */
export const BOOTSTRAP_HISTORY_YEARS = 15;
const FETCH_TIMEOUT_MS = 20_000;
/** One process loads; another that starts meanwhile skips (and finds the table filled next time). */
const LOCK_NAME = 'xiaoan:weather-history-bootstrap';

/**
 * Development only: with the simulator on and `weather_history` empty, loads fifteen years of
 * station history from the weather provider's pull API (the simulator's), so HEAT37 and RAIN can
 * be quoted on a fresh machine. Production history is imported with `npm run pricing:import-weather`.
 *
 * It runs in the background: start-up does not wait for it, and shutdown waits for it (aborting the
 * download). A failure is a warning, never a reason not to start. Not in the worker role, and not
 * under NODE_ENV=test: suites import the history they price from themselves.
 */
@Injectable()
export class WeatherHistoryBootstrap implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WeatherHistoryBootstrap');
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: ImportWeatherHistoryUseCase,
    // Optional so that PricingModule can be used without the app's configuration (pricing tests).
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
    @Optional() @Inject(INTEGRATIONS_CONFIG) private readonly integrations?: IntegrationsConfig,
    // The integrations module's client when it provides one; else one is built from the configuration.
    @Optional() private readonly weatherData?: WeatherDataClient,
  ) {}

  onApplicationBootstrap(): void {
    const { config, integrations } = this;
    if (!config || !integrations) return;
    if (!config.simulator.enabled || config.env !== 'development' || config.role === 'worker') return;
    // Not awaited: the app starts serving while the history loads.
    const client = this.weatherData ?? new WeatherDataClient(integrations.weatherData);
    this.running = this.loadIfEmpty(client).catch((error: unknown) => {
      if (this.abort.signal.aborted) return;
      this.logger.warn(
        { message: (error as Error).message },
        'weather history not loaded; HEAT37 and RAIN quotes decline until it is imported',
      );
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /** The background load, or null when none was started (for tests and shutdown). */
  get whenDone(): Promise<void> | null {
    return this.running;
  }

  private async loadIfEmpty(client: WeatherDataClient): Promise<void> {
    if (!(await this.isEmpty(this.dataSource.manager))) return;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // A session lock on this connection, held while the import runs on its own transaction.
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [LOCK_NAME])) as [
        { locked: boolean },
      ];
      if (!locked) {
        this.logger.log({}, 'weather history is being loaded by another process; skipping');
        return;
      }
      try {
        if (!(await this.isEmpty(runner.manager))) return;
        const lastYear = Number(beijingDateOf(new Date()).slice(0, 4)) - 1;
        const from = `${lastYear + 1 - BOOTSTRAP_HISTORY_YEARS}-01-01`;
        const to = `${lastYear}-12-31`;
        const csv = await this.download(client, from, to);
        const result = await this.importer.execute(csv);
        if (result.status === 'refused') {
          this.logger.warn(
            { reason: result.reason, rejected: result.rejected },
            'weather history from the simulator refused',
          );
          return;
        }
        this.logger.log(
          {
            rows: result.rows,
            stations: result.stations,
            from: result.from,
            to: result.to,
            rejectedCount: result.rejectedCount,
          },
          'weather history loaded from the simulator',
        );
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK_NAME]);
      }
    } finally {
      await runner.release();
    }
  }

  private async isEmpty(manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(`SELECT EXISTS (SELECT 1 FROM weather_history) AS filled`)) as [
      { filled: boolean },
    ];
    return !rows[0].filled;
  }

  /**
   * The provider's history download, given up after 20 s or at shutdown. The client has its own
   * (longer) timeout and no way to be cancelled, so the request is left to finish unheard.
   */
  private download(client: WeatherDataClient, from: string, to: string): Promise<string> {
    const stop = AbortSignal.any([this.abort.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]);
    const download = client.historyCsv(from, to);
    return new Promise<string>((resolve, reject) => {
      const onStop = (): void => reject(stop.reason as Error);
      stop.addEventListener('abort', onStop, { once: true });
      if (stop.aborted) onStop();
      download.then(resolve, reject).finally(() => stop.removeEventListener('abort', onStop));
    });
  }
}
