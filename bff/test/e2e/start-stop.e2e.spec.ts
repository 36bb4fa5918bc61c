import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { findFreePort } from '../../src/core/net/free-port.js';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../support/isolated-database.js';

const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

/** The direct children of a process, as the kernel lists them. */
const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** Running (a zombie waiting for a reaper counts as gone: it holds no port and runs no code). */
const isRunning = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

const waitFor = async (what: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * `npm start` with DATABASE_URL set and SIM=1, i.e. the compiled entry point with the simulator in
 * a process of its own: a stop signal must take that process down too, whenever it arrives.
 */
describe('npm start with SIM=1 and DATABASE_URL: stopping leaves no simulator behind', () => {
  let database: IsolatedDatabase;
  let bff: ChildProcess | undefined;
  const leftovers: number[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is not built (npm test builds it first)`);
    database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
  });

  afterEach(() => {
    if (bff && bff.exitCode === null && bff.signalCode === null) bff.kill('SIGKILL');
    for (const pid of leftovers.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  afterAll(async () => {
    await database?.drop();
  });

  const start = async (): Promise<{ bff: ChildProcess; output: () => string; port: number; simPort: number }> => {
    const port = await findFreePort();
    const simPort = await findFreePort();
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        SIM: '1',
        PORT: String(port),
        SIM_PORT: String(simPort),
        LOG_LEVEL: 'warn',
        WEATHER_PULL_SCHEDULE: 'off',
        WEATHER_SWEEP_SCHEDULE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    bff = child;
    return { bff: child, output: () => output, port, simPort };
  };

  const exited = (child: ChildProcess): Promise<number | null> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s once the server is up stops the simulator process and exits 0',
    async (signal) => {
      const { bff: child, output, simPort } = await start();
      await waitFor(
        'the BFF to say it is running',
        () => output().includes('is running') || child.exitCode !== null,
        60_000,
      );
      expect(output()).toContain('is running');
      const simulators = childrenOf(child.pid!);
      expect(simulators).toHaveLength(1);
      leftovers.push(...simulators);
      expect((await fetch(`http://127.0.0.1:${simPort}/__sim/health`)).status).toBe(200);

      child.kill(signal);
      const code = await Promise.race([
        exited(child),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
      ]);
      expect(code).toBe(0);
      await waitFor('the simulator to be gone', () => !isRunning(simulators[0]!), 5_000).catch(() => undefined);
      expect(isRunning(simulators[0]!)).toBe(false);
    },
  );

  it('SIGTERM while the application is still starting (simulator up, server not yet listening) stops the simulator too', async () => {
    const { bff: child, output } = await start();
    // The simulator is the BFF's only child; once it exists, start-up is between the simulator and the listener.
    await waitFor('the simulator process', () => childrenOf(child.pid!).length > 0 || child.exitCode !== null, 60_000);
    const simulators = childrenOf(child.pid!);
    leftovers.push(...simulators);
    expect(output()).not.toContain('is running');
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited(child),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
    ]);
    expect(code).not.toBe('timeout');
    await waitFor('the simulator to be gone', () => !isRunning(simulators[0]!), 5_000).catch(() => undefined);
    expect(isRunning(simulators[0]!)).toBe(false);
  });

  it('kill -9 of the BFF (no chance to clean up) still ends the simulator: it stops once its parent is gone', async () => {
    const { bff: child, output } = await start();
    await waitFor(
      'the BFF to say it is running',
      () => output().includes('is running') || child.exitCode !== null,
      60_000,
    );
    const simulators = childrenOf(child.pid!);
    expect(simulators).toHaveLength(1);
    leftovers.push(...simulators);
    child.kill('SIGKILL');
    await exited(child);
    await waitFor('the simulator to be gone', () => !isRunning(simulators[0]!), 5_000).catch(() => undefined);
    expect(isRunning(simulators[0]!)).toBe(false);
  });
});
