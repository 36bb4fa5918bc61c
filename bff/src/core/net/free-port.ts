import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** Linux's default when /proc does not say: the kernel hands out ports in this range for port 0 and outgoing sockets. */
const DEFAULT_EPHEMERAL_LOW = 32768;
const LOWEST = 20000;
const ATTEMPTS = 50;

const ephemeralLow = async (): Promise<number> => {
  try {
    const [low] = (await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')).trim().split(/\s+/);
    const value = Number(low);
    return Number.isInteger(value) && value > LOWEST + 1000 ? value : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
};

const canBind = (port: number, host: string): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });

/**
 * A port that is free now and that the kernel will not hand to anyone else in the meantime.
 *
 * The port is needed before the listener exists (it goes into notify URLs, or to a child process
 * such as PostgreSQL). A port the kernel chose for a port-0 bind is in the ephemeral range, so any
 * outgoing connection opened before the real listener binds (the BFF opens a dozen to PostgreSQL
 * while it starts) may take it: CI saw exactly that as EADDRINUSE. So pick below that range, where
 * only explicit binds go, and check the pick is free.
 */
export const findFreePort = async (host = '127.0.0.1'): Promise<number> => {
  const high = (await ephemeralLow()) - 1;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = LOWEST + Math.floor(Math.random() * (high - LOWEST + 1));
    if (await canBind(port, host)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${high} on ${host} after ${ATTEMPTS} tries`);
};
