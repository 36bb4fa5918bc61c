import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * The time weather cover is sold and settled by. In production it is the machine's clock. With the
 * WeChat simulator on, a developer (or a test) may move it forward, so that a HEAT37 policy bought
 * in November can be seen through a July heat wave; nothing else in the app reads it.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Simulator only: from now on `now()` reads `at` plus the real time elapsed since. */
  travelTo(at: Date): void {
    if (!this.config.simulator.enabled) throw new Error('the clock can only be moved with the simulator on');
    this.offsetMs = at.getTime() - Date.now();
  }

  get travelled(): boolean {
    return this.offsetMs !== 0;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
