import { devClockResponseSchema } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { loadAppConfig } from './app-config';
import { request } from './http';

/**
 * The clock the weather hints read (the season on sale, the visit dates offered, whether a
 * HEAT37 season is still running). In production it is the phone's clock. With the WeChat
 * simulator on, the BFF's weather clock may have been moved (`POST /api/dev/sim/clock`, to live
 * through a July heat wave in November); the hints then follow `GET /api/dev/sim/clock`, so the
 * page offers what the BFF will sell. Either way the BFF decides; this only keeps the hints honest.
 */
let offsetMs = 0;

/** Reads the simulator's weather clock when there is one; the phone's clock otherwise or on failure. */
export const syncWeatherClock = async (): Promise<void> => {
  try {
    const config = await loadAppConfig();
    if (!config.simulator) {
      offsetMs = 0;
      return;
    }
    const sentAt = Date.now();
    const { now } = await request(devClockResponseSchema, '/api/dev/sim/clock');
    offsetMs = Date.parse(now) - sentAt;
  } catch {
    offsetMs = 0;
  }
};

/** Now, by the weather clock. */
export const weatherNow = (): Date => new Date(Date.now() + offsetMs);

/** For tests. */
export const resetWeatherClock = (): void => {
  offsetMs = 0;
};

/** Syncs the weather clock once when a page opens; `ready` turns true either way. */
export function useWeatherClock(enabled = true): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void syncWeatherClock().finally(() => current && setReady(true));
    return () => {
      current = false;
    };
  }, [enabled]);
  return ready;
}
