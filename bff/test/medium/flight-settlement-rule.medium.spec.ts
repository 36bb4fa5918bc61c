import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  arrivalDelayMinutes,
  flightDelayTriggered,
  type FlightDelayTriggerRule,
  type FlightFinalOutcome,
} from '@xiaoan/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Transaction } from '../../src/core/database/unit-of-work.js';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../support/isolated-database.js';

/**
 * One source for the flight trigger: the set-based settlement SQL and the pure rule pricing uses
 * (shared flightDelayTriggered) decide the same grid of outcomes × product versions on a real
 * PostgreSQL: every boundary of the 1 h and 2 h variants to the second, early arrival,
 * cancellation and diversion with and without cover.
 */
const RULES: FlightDelayTriggerRule[] = [60, 120].flatMap((delayThresholdMinutes) =>
  [true, false].flatMap((paysOnCancellation) =>
    [true, false].map((paysOnDiversion) => ({ delayThresholdMinutes, paysOnCancellation, paysOnDiversion })),
  ),
);
const SCHEDULED_ARRIVAL = new Date('2026-07-01T06:00:00Z');
/** Seconds late at arrival: 59/60 and 119/120 minutes, each to the second. */
const LATE_SECONDS = [
  -600,
  0,
  59 * 60,
  59 * 60 + 59,
  60 * 60,
  60 * 60 + 1,
  119 * 60,
  119 * 60 + 59,
  120 * 60,
  121 * 60,
  300 * 60,
];
type Case = { label: string; status: 'arrived' | 'cancelled' | 'diverted'; actualArrival: Date | null };
const CASES: Case[] = [
  ...LATE_SECONDS.map((seconds): Case => ({
    label: `arrived ${seconds} s late`,
    status: 'arrived',
    actualArrival: new Date(SCHEDULED_ARRIVAL.getTime() + seconds * 1000),
  })),
  { label: 'cancelled', status: 'cancelled', actualArrival: null },
  { label: 'diverted', status: 'diverted', actualArrival: null },
];

const outcomeOf = (flight: Case): FlightFinalOutcome =>
  flight.status === 'arrived'
    ? { kind: 'arrived', arrivalDelayMinutes: arrivalDelayMinutes(SCHEDULED_ARRIVAL, flight.actualArrival!) }
    : { kind: flight.status };

describe('the flight settlement SQL and the shared flight-delay trigger', () => {
  let database: IsolatedDatabase;
  let client: pg.Client;
  const tx = {
    manager: { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows },
    // The notification job is not what is under test here.
    enqueue: async () => null,
  } as unknown as Transaction;

  beforeAll(async () => {
    database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it.each(CASES)('pays exactly the policies the shared rule pays when the flight is $label', async (flight) => {
    const tag = randomBytes(4).toString('hex');
    const {
      rows: [customer],
    } = await client.query<{ id: string }>(`INSERT INTO customers (openid) VALUES ($1) RETURNING id`, [`ogrid_${tag}`]);
    const {
      rows: [product],
    } = await client.query<{ id: string }>(
      `INSERT INTO products (code, name, category, tagline, from_premium_fen) VALUES ($1, 'grid', 'flight_delay', 'grid', 500) RETURNING id`,
      [`G${tag}`],
    );
    const { rows: versions } = await client.query<{ id: string; version: number }>(
      `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
       SELECT $1, i, 'grid', 'grid', '[]', '[]', t, now() FROM unnest($2::jsonb[]) WITH ORDINALITY AS r(t, i) RETURNING id, version`,
      [product!.id, RULES.map((rule) => JSON.stringify(rule))],
    );
    const {
      rows: [flightRow],
    } = await client.query<{ id: string }>(
      `INSERT INTO flights (flight_no, flight_date, carrier_code, carrier_name, origin, destination, scheduled_departure, scheduled_arrival, status, actual_arrival)
       VALUES ($1, '2026-07-01', 'GR', 'grid', '{}', '{}', $2::timestamptz - interval '2 hours', $2, $3, $4) RETURNING id`,
      [`GR${tag.slice(0, 4)}`, SCHEDULED_ARRIVAL, flight.status, flight.actualArrival],
    );
    // One policy per version, written by the policy module's repository; their orders are left out
    // (replica mode skips the foreign keys and guards while seeding).
    await client.query(`SET session_replication_role = replica`);
    const policies = await new PolicyRepository()
      .insertFlightPolicies(
        { query: async (text: string, values?: unknown[]) => (await client.query(text, values)).rows },
        versions.map((version) => ({
          policyNo: `P${tag}${version.version}`,
          orderId: randomUUID(),
          customerId: customer!.id,
          productVersionId: version.id,
          flightId: flightRow!.id,
          premiumFen: 600,
          payoutFen: 20000,
          insuredIdIndex: `grid-${version.id}`,
          coverStart: new Date(SCHEDULED_ARRIVAL.getTime() - 2 * 3600_000),
          coverEnd: new Date(SCHEDULED_ARRIVAL.getTime() + 6 * 3600_000),
        })),
        new Date(),
      )
      .then((issued) => issued.map((row) => ({ id: row.policyId })))
      .finally(() => client.query(`SET session_replication_role = origin`));

    await new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository())).settle(
      tx,
      flightRow!.id,
      new Date('2026-07-01T12:00:00Z'),
    );

    const { rows: settled } = await client.query<{
      product_version_id: string;
      status: string;
      claim_status: string | null;
    }>(
      `SELECT p.product_version_id, p.status, c.status AS claim_status FROM policies p LEFT JOIN claims c ON c.policy_id = p.id WHERE p.id = ANY($1::uuid[])`,
      [policies.map((policy) => policy.id)],
    );
    const ruleOf = new Map(versions.map((version) => [version.id, RULES[version.version - 1]!]));
    const actual = settled
      .map((row) => ({ rule: ruleOf.get(row.product_version_id), policy: row.status, claim: row.claim_status }))
      .sort((a, b) => JSON.stringify(a.rule).localeCompare(JSON.stringify(b.rule)));
    const expected = settled
      .map((row) => {
        const pays = flightDelayTriggered(outcomeOf(flight), ruleOf.get(row.product_version_id)!);
        return {
          rule: ruleOf.get(row.product_version_id),
          policy: pays ? 'claimed' : 'expired',
          claim: pays ? 'approved' : null,
        };
      })
      .sort((a, b) => JSON.stringify(a.rule).localeCompare(JSON.stringify(b.rule)));
    expect(actual).toHaveLength(RULES.length);
    expect(actual).toEqual(expected);
  });

  it('the grid holds both answers at each boundary, so it can tell the two rules apart', () => {
    const verdicts = CASES.flatMap((flight) => RULES.map((rule) => flightDelayTriggered(outcomeOf(flight), rule)));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
