import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { findFreePort } from '../../src/core/net/free-port.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/main.js');

interface Exit {
  code: number | null;
  output: string;
  elapsedMs: number;
}

const boot = (env: Record<string, string>, timeoutMs = 20000): Promise<Exit> =>
  new Promise((done, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output, elapsedMs: Date.now() - started });
    });
  });

describe('start-up refuses to run misconfigured', () => {
  it('has a compiled entry point to start (npm test builds it first)', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('exits non-zero within 15 s and says why when DATABASE_URL points at a dead port', async () => {
    const deadPort = await findFreePort();
    const result = await boot({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${deadPort}/nothing`,
      PORT: String(await findFreePort()),
      SIM: '0',
    });
    expect(result.code).not.toBe(0);
    expect(result.elapsedMs).toBeLessThan(15000);
    expect(result.output).toContain(`127.0.0.1:${deadPort}`);
    expect(result.output).toMatch(/ECONNREFUSED/);
    expect(result.output).toContain('DATABASE_URL');
  });

  it('names the invalid variable and stops before touching anything', async () => {
    const result = await boot({ PORT: 'eighty', BFF_ROLE: 'boss' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT');
    expect(result.output).toContain('BFF_ROLE');
  });
});
