import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SimulatorProcess {
  origin: string;
  /** The environment fills the simulator offers (GET /__sim/dev-config): origins and dev key fixtures. */
  devConfig: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * `npm start` with SIM on: run the WeChat simulator as its own process (production code never
 * imports it) and read the dev settings it offers over HTTP.
 */
export const startSimulatorProcess = async (options: {
  host: string;
  port: number;
  csPushUrl?: string;
  flightFeedUrl?: string;
  weatherFeedUrl?: string;
}): Promise<SimulatorProcess> => {
  const entry = fileURLToPath(new URL('../../../sim/main.js', import.meta.url));
  if (!existsSync(entry)) throw new Error(`simulator entry point not built: ${entry} (run npm run build)`);
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      SIM_PORT: String(options.port),
      SIM_HOST: options.host,
      // The simulator stops by itself once this process is gone, however it ended.
      SIM_PARENT_PID: String(process.pid),
      ...(options.csPushUrl ? { SIM_CS_PUSH_URL: options.csPushUrl } : {}),
      ...(options.flightFeedUrl ? { SIM_FLIGHT_FEED_URL: options.flightFeedUrl } : {}),
      ...(options.weatherFeedUrl ? { SIM_WEATHER_FEED_URL: options.weatherFeedUrl } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://${options.host}:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`the simulator exited with code ${code} (is port ${options.port} free? set SIM_PORT)`)),
    ),
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    const devConfig = await Promise.race([waitForDevConfig(origin, 15_000), exited]);
    exited.catch(() => undefined);
    return { origin, devConfig, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

const waitForDevConfig = async (origin: string, timeoutMs: number): Promise<Record<string, string>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${origin}/__sim/dev-config`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return (await response.json()) as Record<string, string>;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the simulator did not answer at ${origin} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
