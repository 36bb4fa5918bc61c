import 'reflect-metadata';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { staffNewPasswordSchema, staffUsernameSchema } from '@xiaoan/shared';
import { loadConfig } from '../../../core/config/app-config.js';
import { createDataSource } from '../../../core/database/data-source.factory.js';
import { StaffAudit } from '../staff-audit.service.js';
import { generateStaffPassword, hashStaffPassword } from '../staff-password.js';
import { StaffUserRepository } from '../staff-user.repository.js';

const USAGE =
  'usage: DATABASE_URL=postgres://… npm run staff:create-admin -w @xiaoan/bff -- --username <name> [--display-name <姓名>] [--generate-password | --password-stdin]\n' +
  '  Prompts for the password (twice, hidden) on a terminal; --generate-password prints a one-time password\n' +
  '  that must be replaced at first sign-in; --password-stdin reads it from standard input. There is no default password.\n';

const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

/** Asks on the terminal without echoing what is typed. */
const askHidden = (question: string): Promise<string> =>
  new Promise((resolve) => {
    let muted = false;
    const output = new Writable({
      write: (chunk, _encoding, done) => {
        if (!muted) process.stdout.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    process.stdout.write(question);
    muted = true;
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
};

/**
 * `npm run staff:create-admin -w @xiaoan/bff -- --username …`: the first admin of a production
 * database (and any later break-glass admin). Applies pending migrations first, as `npm start`
 * does. The admin then creates everyone else in the console.
 */
const main = async (): Promise<void> => {
  let args;
  try {
    args = parseArgs({
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        'generate-password': { type: 'boolean', default: false },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const username = staffUsernameSchema.safeParse(args.username ?? '');
  if (!username.success) return fail(`--username: ${username.error.issues[0]?.message ?? 'invalid'}\n${USAGE}`, 2);
  if (args['generate-password'] && args['password-stdin'])
    return fail(`choose one of --generate-password and --password-stdin\n${USAGE}`, 2);
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) return fail(`DATABASE_URL is not set\n${USAGE}`, 2);

  let password: string;
  let generated = false;
  if (args['generate-password']) {
    password = generateStaffPassword();
    generated = true;
  } else if (args['password-stdin'] || !process.stdin.isTTY) {
    if (!args['password-stdin'])
      return fail(`standard input is not a terminal: use --password-stdin or --generate-password\n${USAGE}`, 2);
    password = await readStdin();
  } else {
    password = await askHidden('Password for the new admin: ');
    if ((await askHidden('Repeat the password: ')) !== password)
      return fail('the two passwords differ; nothing was created');
  }
  const strong = staffNewPasswordSchema.safeParse(password);
  if (!strong.success) return fail(`password: ${strong.error.issues[0]?.message ?? 'invalid'}; nothing was created`);

  const dataSource = await createDataSource({
    url: databaseUrl,
    poolSize: 1,
    applicationName: 'xiaoan-staff-cli',
  }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const users = new StaffUserRepository(dataSource);
    const audit = new StaffAudit(dataSource);
    const passwordHash = await hashStaffPassword(password);
    const created = await dataSource.transaction(async (manager) => {
      const id = await users.insert(
        {
          username: username.data,
          displayName: args['display-name']?.trim() || '管理员',
          roles: ['admin'],
          passwordHash,
          mustChangePassword: generated,
        },
        manager,
      );
      if (!id) return undefined;
      await audit.record(
        { staffUserId: null, username: `cli:${userInfo().username}`.slice(0, 64) },
        {
          action: 'staff_user_created',
          resourceType: 'staff_user',
          resourceId: id,
          detail: { username: username.data, roles: ['admin'], via: 'staff:create-admin' },
        },
        manager,
      );
      return id;
    });
    if (!created) return fail(`a staff account named ${username.data} already exists; nothing was changed`);
    process.stdout.write(`created admin ${username.data}\n`);
    if (generated)
      process.stdout.write(`one-time password (shown once; to be replaced at first sign-in): ${password}\n`);
  } finally {
    await dataSource.destroy();
  }
};

await main();
