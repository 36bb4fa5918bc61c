import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppException } from '../../core/errors/app.exception.js';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Refuse stored parameters that would cost more than this (a tampered row must not become a DoS). */
const MAX_MEM = 64 * 1024 * 1024;

/**
 * scrypt is memory-hard on purpose: each run takes ~16 MB and tens of milliseconds of a libuv
 * thread. Unbounded, a burst of sign-ins would queue hundreds of them and starve every other
 * request (issue 10 saw seconds of CPU per attempt). So at most KDF_CONCURRENCY run at once and at
 * most KDF_QUEUE wait; anything beyond is answered RATE_LIMITED at once, without hashing.
 */
const KDF_CONCURRENCY = 2;
const KDF_QUEUE = 32;
let running = 0;
const waiting: (() => void)[] = [];

const withKdfSlot = async <T>(work: () => Promise<T>): Promise<T> => {
  if (running >= KDF_CONCURRENCY) {
    if (waiting.length >= KDF_QUEUE) throw new AppException('RATE_LIMITED', { retryAfterSeconds: 1 });
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
};

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash, so they can be raised later. */
export const hashStaffPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await withKdfSlot(() => scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEM }));
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
};

export const verifyStaffPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(params.N) || !Number.isInteger(params.r) || !Number.isInteger(params.p)) return false;
  const expected = Buffer.from(hash, 'base64');
  try {
    const actual = await withKdfSlot(() =>
      scrypt(password, Buffer.from(salt, 'base64'), expected.length, { ...params, maxmem: MAX_MEM }),
    );
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch (error) {
    if (error instanceof AppException) throw error;
    return false;
  }
};

let dummyHash: Promise<string> | undefined;

/**
 * For a username that does not exist: spend the same work as a real check, so the answer's timing
 * does not tell which accounts exist. Always false.
 */
export const verifyAgainstNobody = async (password: string): Promise<false> => {
  dummyHash ??= hashStaffPassword(randomBytes(16).toString('base64'));
  await verifyStaffPassword(password, await dummyHash);
  return false;
};

/** Letters and digits a person can read aloud and type without confusing 0/O or 1/l/I. */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password (new account, reset): 4 groups of 4, about 79 bits. Shown once, stored hashed. */
export const generateStaffPassword = (): string =>
  Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('')).join(
    '-',
  );
