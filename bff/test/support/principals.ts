import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { hashSessionToken, newSessionToken } from '../../src/core/auth/session-token.js';
import { DEV_STAFF_PASSWORD } from '../../src/modules/staff/dev-staff.seed.js';
import type { TestApp } from './test-app.js';

/**
 * Every route the application serves, as `METHOD /api/path/:param`, read from the controllers Nest
 * registered (the same metadata it builds the Fastify routes from), so a new route shows up here
 * without anyone listing it.
 */
export const routeTable = (app: NestFastifyApplication, globalPrefix = 'api'): string[] => {
  const routes = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const classPaths = [
        (Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined) ?? '',
      ].flat();
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        // Read the descriptor, never the property: a getter on the prototype must not run here.
        const handler: unknown = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
        if (typeof handler !== 'function') continue;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodPaths === undefined || method === undefined) continue;
        for (const classPath of classPaths) {
          for (const methodPath of [methodPaths].flat()) {
            const path = `/${[globalPrefix, classPath, methodPath]
              .map((part) => part.replace(/^\/+|\/+$/g, ''))
              .filter(Boolean)
              .join('/')}`;
            routes.add(`${RequestMethod[method]} ${path}`);
          }
        }
      }
    }
  }
  return [...routes].sort();
};

export interface Principals {
  /** A customer with a paid order and its policy. */
  owner: { token: string; openid: string; orderId: string; policyNo: string };
  /** Another logged-in customer, who owns none of the above. */
  otherCustomer: { token: string };
  expiredCustomer: { token: string };
  expiredStaff: { token: string };
  admin: { token: string };
  support: { token: string };
  marketing: { token: string };
}

const staffLogin = async (testApp: TestApp, username: string, password: string): Promise<string> => {
  const response = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`staff login ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
};

/** An expired session of a customer or a staff user, written below the API (nobody can make one through it). */
const expiredSession = async (
  testApp: TestApp,
  table: 'customer_sessions' | 'staff_sessions',
  ownerId: string,
): Promise<string> => {
  const token = newSessionToken();
  if (table === 'customer_sessions') {
    await testApp.db.query(
      `INSERT INTO customer_sessions (customer_id, token_hash, session_key_encrypted, expires_at, created_at)
       VALUES ($1, $2, 'expired', now() - interval '1 hour', now() - interval '8 days')`,
      [ownerId, hashSessionToken(token)],
    );
  } else {
    await testApp.db.query(
      `INSERT INTO staff_sessions (staff_user_id, token_hash, expires_at, created_at) VALUES ($1, $2, now() - interval '1 hour', now() - interval '13 hours')`,
      [ownerId, hashSessionToken(token)],
    );
  }
  return token;
};

/**
 * Real tokens for everyone the matrix and the fuzzing speak as: two customers (one who bought a
 * policy), expired sessions of both kinds, and one staff user of each role (dev-admin and
 * dev-support are seeded while the simulator runs; a marketing user is added here).
 */
export const makePrincipals = async (
  testApp: TestApp,
  newCustomer: typeof import('./customer.js').newCustomer,
): Promise<Principals> => {
  const owner = await newCustomer(testApp);
  const quote = await owner.quote();
  const placed = await owner.order(quote);
  if (placed.status !== 201) throw new Error(`order failed: ${placed.status} ${JSON.stringify(placed.body)}`);
  owner.pay(placed.body);
  const paid = await owner.waitForOrder(placed.body.id, ['issued']);
  const policyNo = paid.policyNo;
  if (!policyNo) throw new Error('the issued order has no policy number');
  const other = await newCustomer(testApp);

  const { rows: customers } = await testApp.db.query<{ id: string }>(`SELECT id FROM customers WHERE openid = $1`, [
    owner.openid,
  ]);
  const { rows: admins } = await testApp.db.query<{ id: string }>(
    `SELECT id FROM staff_users WHERE username = 'dev-admin'`,
  );
  return {
    owner: { token: owner.token, openid: owner.openid, orderId: paid.id, policyNo },
    otherCustomer: { token: other.token },
    expiredCustomer: { token: await expiredSession(testApp, 'customer_sessions', customers[0]!.id) },
    expiredStaff: { token: await expiredSession(testApp, 'staff_sessions', admins[0]!.id) },
    admin: { token: await staffLogin(testApp, 'dev-admin', DEV_STAFF_PASSWORD) },
    support: { token: await staffLogin(testApp, 'dev-support', DEV_STAFF_PASSWORD) },
    marketing: { token: await staffLogin(testApp, 'dev-marketing', DEV_STAFF_PASSWORD) },
  };
};
