import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { staffLogin } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/modules/staff/cli/create-admin.cli.js');

/** `npm run staff:create-admin`: the compiled CLI against the test app's database. */
const runCli = (args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: process.env.DATABASE_URL ?? '', LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });

describe('creating the first admin from the command line', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('creates an admin with a generated one-time password that must be replaced, and audits it', async () => {
    const run = await runCli(['--username', 'ops.first', '--display-name', '运维管理员', '--generate-password']);
    expect(run.code).toBe(0);
    const password = /one-time password[^:]*: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const login = await staffLogin(testApp.baseUrl, { username: 'ops.first', password: password! });
    expect(login.body).toMatchObject({ roles: ['admin'], displayName: '运维管理员', mustChangePassword: true });
    const { rows } = await testApp.db.query(
      `SELECT action, detail->>'via' AS via FROM staff_audit_log WHERE resource_type = 'staff_user' AND detail->>'username' = 'ops.first'`,
    );
    expect(rows).toEqual([{ action: 'staff_user_created', via: 'staff:create-admin' }]);
  }, 120_000);

  it('takes a chosen password from standard input, and refuses a short one, a taken name, or no password at all', async () => {
    expect((await runCli(['--username', 'ops.second', '--password-stdin'], 'a-long-chosen-password\n')).code).toBe(0);
    expect(
      (await staffLogin(testApp.baseUrl, { username: 'ops.second', password: 'a-long-chosen-password' })).body
        .mustChangePassword,
    ).toBe(false);

    const short = await runCli(['--username', 'ops.third', '--password-stdin'], 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('nothing was created');
    const taken = await runCli(['--username', 'ops.second', '--generate-password']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already exists');
    // Not a terminal and no password option: it never falls back to a default.
    const none = await runCli(['--username', 'ops.fourth']);
    expect(none.code).toBe(2);
    const { rows } = await testApp.db.query(
      `SELECT username FROM staff_users WHERE username IN ('ops.third', 'ops.fourth')`,
    );
    expect(rows).toEqual([]);
  }, 180_000);
});
