import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningSimulator } from '../../sim/index.js';

/**
 * The compiled entry point, whether this file runs compiled (benchmarks, from dist/bench) or from
 * source (crash tests under Jest): build (`npm run build`) before either.
 */
const MAIN = fileURLToPath(
  new URL(/\/dist\/bench\//.test(import.meta.url) ? '../../src/main.js' : '../../dist/src/main.js', import.meta.url),
);
/** What is kept of the process's stderr (and stdout when piped) for a failure message. */
const OUTPUT_KEPT = 4000;

export interface SpawnBffOptions {
  /** The simulator whose keys and origins the BFF uses (as WeChat, WeChat Pay and the data feeds). */
  sim: RunningSimulator;
  databaseUrl: string;
  port: number;
  /** Added to (and overriding) the defaults: NODE_ENV test, LOG_LEVEL error, the simulator's keys. */
  env?: Record<string, string>;
  /** Node options before the entry point, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /**
   * The BFF's log (stdout): dropped (default), shown on this process's stdout, or read and counted
   * (`logBytes()`), as a log shipper would read it from a pipe.
   */
  stdout?: 'ignore' | 'inherit' | 'pipe';
  /** Its stderr is kept for failure messages; `inherit` also shows it as it comes. */
  stderr?: 'keep' | 'inherit';
  /** How long it may take to answer /api/health (a loaded machine can take well over 30 s). */
  startTimeoutMs?: number;
}

export interface SpawnedBff {
  url: string;
  pid: number;
  /** The last few thousand characters the process wrote to stderr (and stdout when piped), read now. */
  output(): string;
  /** Bytes the process wrote to stdout so far (only when `stdout: 'pipe'`). */
  logBytes(): number;
  /** SIGTERM (the normal stop) or SIGKILL (a crash: no shutdown hooks); resolves once it exited. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * The compiled BFF in its own process, as `npm start` runs it outside simulator mode, answering on
 * `port`: resolves once /api/health answers, rejects (and kills it) if it exits or does not answer
 * in time, with what it wrote to stderr.
 */
export const spawnBff = async (options: SpawnBffOptions): Promise<SpawnedBff> => {
  const { sim, databaseUrl, port } = options;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      PORT: String(port),
      // Outside simulator mode the public address is required (notify URLs, the e-policy's QR).
      PUBLIC_BASE_URL: url,
      DATABASE_URL: databaseUrl,
      ...(sim.merchantConfig() as unknown as Record<string, string>),
      FLIGHT_DATA_ORIGIN: sim.origin,
      WEATHER_DATA_ORIGIN: sim.origin,
      ...options.env,
    },
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    if (options.stderr === 'inherit') process.stderr.write(chunk);
  });
  let logBytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    logBytes += chunk.length;
  });
  const bff: SpawnedBff = {
    url,
    pid: child.pid!,
    output: () => output,
    logBytes: () => logBytes,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
  try {
    await waitUntilHealthy(child, url, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await bff.stop('SIGKILL');
    throw new Error(`${(error as Error).message}; its stderr: ${output.slice(-1000) || '(nothing)'}`, { cause: error });
  }
  return bff;
};

const stopChild = (child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** The one start-up wait: /api/health answers, or the process exited, or the time is up. */
const waitUntilHealthy = async (child: ChildProcess, url: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the BFF on ${url} exited while starting (${child.exitCode ?? child.signalCode})`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the BFF on ${url} did not answer /api/health within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
