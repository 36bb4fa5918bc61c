import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: what the client holds. The server keeps only its SHA-256. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
