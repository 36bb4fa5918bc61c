/**
 * Runs the simulator alone: `node dist/sim/main.js`.
 * Env: SIM_PORT (default 3100), SIM_HOST (default 127.0.0.1), SIM_TIME_SCALE (default 1),
 * SIM_SIGNING_MODE (platform_certificate | public_key | both), SIM_CS_PUSH_URL, SIM_FLIGHT_FEED_URL,
 * SIM_WEATHER_FEED_URL, SIM_WEATHER_SEED (an integer: the simulated climate's seed), SIM_CS_PUSH_MODE
 * (plain | safe: 消息推送 in clear or AES-encrypted), SIM_PARENT_PID (stop when that process is no
 * longer the parent).
 * This is the simulator's own entry point, so reading process.env here is intended.
 */
import type { SigningMode } from './crypto/wechatpay-signer.js';
import { startSimulator } from './simulator.js';

// Started by the BFF (`npm start`), which passes its pid: when the BFF is gone (however it ended,
// kill -9 included, even while this simulator was still starting) this process has been handed to
// another parent, and the simulator stops instead of living on as an orphan.
const parentPid = Number(process.env.SIM_PARENT_PID) || undefined;
let stop = (): void => undefined;
const parentGone = (): boolean => parentPid !== undefined && process.ppid !== parentPid;
if (parentPid !== undefined) {
  setInterval(() => {
    if (parentGone()) stop();
  }, 250).unref();
}

const sim = await startSimulator({
  port: Number(process.env.SIM_PORT ?? 3100),
  host: process.env.SIM_HOST ?? '127.0.0.1',
  timeScale: Number(process.env.SIM_TIME_SCALE ?? 1),
  signingMode: (process.env.SIM_SIGNING_MODE as SigningMode | undefined) ?? 'platform_certificate',
  ...(process.env.SIM_CS_PUSH_URL ? { customerServicePushUrl: process.env.SIM_CS_PUSH_URL } : {}),
  ...(process.env.SIM_CS_PUSH_MODE === 'safe' ? { customerServicePushMode: 'safe' as const } : {}),
  ...(process.env.SIM_FLIGHT_FEED_URL ? { flightFeedUrl: process.env.SIM_FLIGHT_FEED_URL } : {}),
  ...(process.env.SIM_WEATHER_FEED_URL ? { weatherFeedUrl: process.env.SIM_WEATHER_FEED_URL } : {}),
  ...(process.env.SIM_WEATHER_SEED ? { weatherSeed: Number(process.env.SIM_WEATHER_SEED) } : {}),
});
console.log(`WeChat simulator listening on ${sim.origin} (dev config: ${sim.origin}/__sim/dev-config)`);

let stopped = false;
stop = () => {
  if (stopped) return;
  stopped = true;
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
if (parentGone()) stop();
