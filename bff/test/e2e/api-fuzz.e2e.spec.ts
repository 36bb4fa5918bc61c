import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc, { type Arbitrary } from 'fast-check';
import { ERROR_CODES } from '@xiaoan/shared';
import { newCustomer } from '../support/customer.js';
import { makePrincipals, type Principals } from '../support/principals.js';
import { anyText, invalidOf, urlText, validOf, type JsonSchema } from '../support/schema-arbitraries.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Schema-driven fuzzing of every operation in /api/docs-json: for each route, inputs built from its
 * own OpenAPI schemas with one thing broken — a wrong type, a bound or length crossed, a pattern
 * missed, a required field dropped, unknown fields added, huge and exotic unicode strings, odd path
 * and query values — sent with a real customer (or staff) token so they get past the guards.
 * Every answer must be the error envelope with a catalogue code (a GET may also answer 2xx), never
 * a 5xx, and nothing may change in the main tables. Seeded and bounded: FUZZ_SEED and FUZZ_RUNS
 * (runs per route) reproduce or widen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

/** Where money and people live: none of these may change under fuzzing. */
const MAIN_TABLES = [
  'customers',
  'customer_sessions',
  'quotes',
  'orders',
  'sales_trail_events',
  'payment_notifications',
  'policies',
  'refunds',
  'claims',
  'payout_bills',
  'subscriptions',
  'staff_users',
  'staff_sessions',
  'weather_review_flags',
  'heat_accruals',
];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  secured: boolean;
}

interface FuzzRequest {
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
  /** Whether something in the request is known to break the route's schema. */
  broken: boolean;
}

const operationsOf = (document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const content = (operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      return {
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters as Parameter[] | undefined) ?? [],
        ...(content?.['application/json']?.schema ? { body: content['application/json'].schema } : {}),
        secured: Array.isArray(operation.security) && operation.security.length > 0,
      };
    }),
  );

describe('schema-driven fuzzing of every documented endpoint', () => {
  let testApp: TestApp;
  let principals: Principals;
  let operations: Operation[];

  const countRows = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of MAIN_TABLES) {
      const { rows } = await testApp.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    principals = await makePrincipals(testApp, newCustomer);
    const document = (await (await fetch(`${testApp.baseUrl}/api/docs-json`)).json()) as Parameters<
      typeof operationsOf
    >[0];
    // Staff sign-out takes no input (nothing to break) and would end the fuzzer's own admin session;
    // who may call it is the authorisation matrix's business.
    operations = operationsOf(document).filter(
      (operation) => !(operation.method === 'POST' && operation.path === '/api/v1/staff/auth/logout'),
    );
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('reads the operations from /api/docs-json, with their schemas', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((operation) => operation.body).length).toBeGreaterThan(5);
  });

  it('fuzzes the staff routes too, with an admin token: every staff operation but sign-out', () => {
    const staff = operations
      .filter((operation) => operation.path.startsWith('/api/v1/staff/'))
      .map((operation) => `${operation.method} ${operation.path}`);
    expect(staff).toEqual(
      expect.arrayContaining([
        'POST /api/v1/staff/auth/login',
        'POST /api/v1/staff/users',
        'POST /api/v1/staff/users/{id}/reset-password',
        'GET /api/v1/staff/audit-log',
        'GET /api/v1/staff/support/customers',
        'POST /api/v1/staff/support/customers/{customerId}/reveal',
        'POST /api/v1/staff/support/policies/{policyNo}/cancel',
        'POST /api/v1/staff/support/claims/{claimId}/reoffer',
        'POST /api/v1/staff/claims/{id}/decision',
        'POST /api/v1/staff/weather-flags/{id}/resolve',
        'GET /api/v1/staff/dashboard',
      ]),
    );
    expect(staff).not.toContain('POST /api/v1/staff/auth/logout');
  });

  /** One request for an operation: each path, query and header parameter and the body drawn, at least one of them broken where the schema allows. */
  const requestOf = (operation: Operation): Arbitrary<FuzzRequest> => {
    const realIds = [principals.owner.orderId, principals.owner.policyNo];
    const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
    const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
    const headerParameters = operation.parameters.filter((parameter) => parameter.in === 'header');
    const pathValue = fc.oneof(fc.uuid(), fc.constantFrom(...realIds), urlText());
    const queryValue = (parameter: Parameter) =>
      fc.option(
        fc.oneof(urlText(), ...(parameter.schema?.example ? [fc.constant(String(parameter.schema.example))] : [])),
        { nil: undefined },
      );
    const headerValue = fc.option(fc.oneof(fc.uuid(), fc.stringMatching(/^[!-~]{1,300}$/)), { nil: undefined });
    const invalidBody = operation.body ? invalidOf(operation.body) : undefined;
    const body: Arbitrary<{ text?: string; broken: boolean }> = operation.body
      ? fc.oneof(
          {
            weight: 6,
            arbitrary: (invalidBody ?? validOf(operation.body)).map((value) => ({
              text: JSON.stringify(value),
              broken: invalidBody !== undefined,
            })),
          },
          {
            weight: 1,
            arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ text: JSON.stringify(value), broken: false })),
          },
          { weight: 1, arbitrary: anyText(200).map((text) => ({ text, broken: true })) },
          { weight: 1, arbitrary: fc.constant({ text: undefined, broken: true }) },
        )
      : fc.constant({ broken: false });
    return fc
      .record({
        pathValues: fc.tuple(...pathParameters.map(() => pathValue)),
        queryValues: fc.tuple(...queryParameters.map(queryValue)),
        headerValues: fc.tuple(...headerParameters.map(() => headerValue)),
        extraQuery: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10, unit: 'grapheme' }), urlText()), {
          nil: undefined,
        }),
        body,
      })
      .map(({ pathValues, queryValues, headerValues, extraQuery, body: drawn }) => {
        let path = operation.path;
        pathParameters.forEach((parameter, index) => {
          path = path.replace(`{${parameter.name}}`, encodeURIComponent(pathValues[index] as string));
        });
        const query: [string, string][] = [];
        queryParameters.forEach((parameter, index) => {
          const value = queryValues[index];
          if (value !== undefined) query.push([parameter.name, value]);
        });
        if (extraQuery) query.push(extraQuery);
        const headers: Record<string, string> = {};
        headerParameters.forEach((parameter, index) => {
          const value = headerValues[index];
          if (value !== undefined) headers[parameter.name] = value.trim() || 'x';
        });
        return {
          path,
          query,
          headers,
          ...(drawn.text === undefined ? {} : { body: drawn.text }),
          broken: drawn.broken,
        };
      });
  };

  const send = async (operation: Operation, request: FuzzRequest) => {
    const token = operation.path.startsWith('/api/v1/staff/') ? principals.admin.token : principals.owner.token;
    const url = new URL(`${testApp.baseUrl}${request.path}`);
    for (const [name, value] of request.query) url.searchParams.append(name, value);
    const hasBody = operation.method !== 'GET' && request.body !== undefined;
    const response = await fetch(url, {
      method: operation.method,
      headers: {
        ...request.headers,
        ...(operation.secured ? { authorization: `Bearer ${token}` } : {}),
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      ...(hasBody ? { body: request.body } : {}),
    });
    const text = await response.text();
    let body: { code?: unknown; message?: unknown; requestId?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = {};
    }
    return { status: response.status, retryAfter: response.headers.get('retry-after'), text, body };
  };

  it('answers every broken input to every operation with a 4xx error envelope carrying a catalogue code, never a 5xx, and changes nothing', async () => {
    const before = await countRows();
    const failures: string[] = [];
    const sent: Record<string, number> = {};
    for (const operation of operations) {
      const name = `${operation.method} ${operation.path}`;
      await fc
        .assert(
          fc.asyncProperty(requestOf(operation), async (request) => {
            sent[name] = (sent[name] ?? 0) + 1;
            const answer = await send(operation, request);
            const problems: string[] = [];
            if (answer.status >= 500) problems.push('a 5xx');
            if (operation.method !== 'GET' && answer.status < 400)
              problems.push('a state-changing request with a broken input was accepted');
            if (answer.status >= 400) {
              if (typeof answer.body.code !== 'string' || !(answer.body.code in ERROR_CODES))
                problems.push('no catalogue code');
              if (typeof answer.body.message !== 'string' || typeof answer.body.requestId !== 'string')
                problems.push('not the error envelope');
              if (answer.status === 429 && !/^[1-9][0-9]*$/.test(answer.retryAfter ?? ''))
                problems.push('a 429 without Retry-After');
            }
            if (problems.length) {
              failures.push(
                `${operation.method} ${operation.path}: ${problems.join(', ')} — ${answer.status} ${answer.text.slice(0, 200)} for ${JSON.stringify(request).slice(0, 300)}`,
              );
              return false;
            }
            return true;
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        )
        .catch((error: unknown) => {
          // A property failure is already in `failures`; anything else (a generator that threw) is one too.
          if (!failures.some((failure) => failure.startsWith(`${name}:`)))
            failures.push(`${name}: ${(error as Error).message.slice(0, 300)}`);
        });
    }
    expect(failures).toEqual([]);
    // Every operation really was fuzzed, the full number of runs.
    expect(
      Object.fromEntries(operations.map(({ method, path }) => [`${method} ${path}`, sent[`${method} ${path}`] ?? 0])),
    ).toEqual(Object.fromEntries(operations.map(({ method, path }) => [`${method} ${path}`, RUNS])));
    expect(await countRows()).toEqual(before);
    // Thousands of requests: about 30 s on a quiet machine, several times that on a busy one.
  }, 300_000);
});
