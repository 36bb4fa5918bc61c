import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  canTransition,
  CLAIM_STATUS_MACHINE,
  ORDER_STATUS_MACHINE,
  PAYOUT_BILL_STATE_MACHINE,
  POLICY_STATUS_MACHINE,
  transitionPairs,
  type StateMachine,
} from '@xiaoan/shared';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../support/isolated-database.js';

/**
 * The state machines of shared/src/rules are the database's: the allowed set read back from
 * `status_transitions` equals each shared table, and a real row of each guarded table can make
 * exactly the moves its machine lists. Since every code path writes through these triggers, the
 * end-to-end suites then fail on any transition a flow makes that the tables do not list.
 */
const GUARDED: { machine: StateMachine<string>; table: string; column: string }[] = [
  { machine: ORDER_STATUS_MACHINE, table: 'orders', column: 'status' },
  { machine: POLICY_STATUS_MACHINE, table: 'policies', column: 'status' },
  { machine: CLAIM_STATUS_MACHINE, table: 'claims', column: 'status' },
  { machine: PAYOUT_BILL_STATE_MACHINE, table: 'payout_bills', column: 'state' },
];

const key = ([from, to]: [string | null, string]) => `${from ?? '(new)'} → ${to}`;

describe('status transition guards', () => {
  let database: IsolatedDatabase;
  let client: pg.Client;
  const ids = { order: randomUUID(), policy: randomUUID(), claim: randomUUID(), bill: 'C0000000000000000A1' };

  /** Puts a row in `state` with the guards off (session_replication_role = replica skips triggers and foreign keys). */
  const force = async (table: string, column: string, state: string) => {
    await client.query(`SET session_replication_role = replica`);
    try {
      const extra = table === 'policies' ? `, cancelled_at = CASE WHEN $1::varchar = 'cancelled' THEN now() END` : '';
      await client.query(`UPDATE ${table} SET ${column} = $1::varchar${extra} WHERE ${idColumn(table)} = $2`, [
        state,
        idOf(table),
      ]);
    } finally {
      await client.query(`SET session_replication_role = origin`);
    }
  };
  const idColumn = (table: string) => (table === 'payout_bills' ? 'out_bill_no' : 'id');
  const idOf = (table: string) =>
    ({ orders: ids.order, policies: ids.policy, claims: ids.claim, payout_bills: ids.bill })[table]!;

  beforeAll(async () => {
    database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // One row per guarded table, its customer, quote, product and version left out (no foreign keys in replica mode).
    const [customer, version, product, quote] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await client.query(`SET session_replication_role = replica`);
    await client.query(
      `INSERT INTO orders (id, order_no, customer_id, quote_id, product_version_id, place_code, amount_fen, payout_fen, insured_name_encrypted,
                           insured_name_masked, insured_id_encrypted, insured_id_index, insured_id_masked, insured_phone_encrypted,
                           insured_phone_masked, exclusions_read_version_id, idempotency_key, request_hash, expires_at)
       VALUES ($1, 'O1', $2, $3, $4, '101010100', 1000, 10000, 'x', 'x', 'x', 'x', 'x', 'x', 'x', $4, 'k', repeat('0', 64), now())`,
      [ids.order, customer, quote, version],
    );
    await client.query(
      `INSERT INTO policies (id, policy_no, order_id, customer_id, product_version_id, product_id, place_code, premium_fen, payout_fen, insured_id_index, cover_start, cover_end)
       VALUES ($1, 'P1', $2, $3, $4, $5, '101010100', 1000, 10000, 'x', now(), now() + interval '1 day')`,
      [ids.policy, ids.order, customer, version, product],
    );
    await client.query(
      `INSERT INTO claims (id, claim_no, policy_id, customer_id, product_version_id, status, amount_fen, evidence, decided_by)
       VALUES ($1, 'C1', $2, $3, $4, 'approved', 10000, '{}'::jsonb, 'rule')`,
      [ids.claim, ids.policy, customer, version],
    );
    await client.query(
      `INSERT INTO payout_bills (out_bill_no, claim_id, attempt, amount_fen) VALUES ($1, $2, 1, 10000)`,
      [ids.bill, ids.claim],
    );
    await client.query(`SET session_replication_role = origin`);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it.each(GUARDED)(
    'the database allows exactly the $table changes the shared $machine.name machine lists',
    async ({ machine }) => {
      const { rows } = await client.query<{ from_status: string | null; to_status: string }>(
        `SELECT from_status, to_status FROM status_transitions WHERE machine = $1`,
        [machine.name],
      );
      expect(rows.map((row) => key([row.from_status, row.to_status])).sort()).toEqual(
        transitionPairs(machine).map(key).sort(),
      );
    },
  );

  it.each(GUARDED)(
    'one $table row makes every move its machine lists and no other',
    async ({ machine, table, column }) => {
      const refused: string[] = [];
      const allowed: string[] = [];
      for (const from of machine.states) {
        for (const to of machine.states) {
          if (from === to) continue;
          await force(table, column, from);
          const extra =
            table === 'policies' ? `, cancelled_at = CASE WHEN $1::varchar = 'cancelled' THEN now() END` : '';
          const outcome = await client
            .query(`UPDATE ${table} SET ${column} = $1::varchar${extra} WHERE ${idColumn(table)} = $2`, [
              to,
              idOf(table),
            ])
            .then(
              () => 'allowed',
              (error: pg.DatabaseError) => {
                expect(error.code).toBe('23514');
                expect(error.message).toBe(`illegal ${machine.name} transition: ${from} → ${to}`);
                return 'refused';
              },
            );
          (outcome === 'allowed' ? allowed : refused).push(key([from, to]));
          expect(outcome).toBe(canTransition(machine, from, to) ? 'allowed' : 'refused');
        }
      }
      expect(allowed.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
    },
  );

  it('a record is refused when it is created in a status its machine does not start from', async () => {
    await expect(
      client.query(
        `INSERT INTO claims (claim_no, policy_id, customer_id, product_version_id, status, amount_fen, evidence, decided_by)
         SELECT 'C2', policy_id, customer_id, product_version_id, 'paid', 0, '{}'::jsonb, 'rule' FROM claims WHERE id = $1`,
        [ids.claim],
      ),
    ).rejects.toMatchObject({ code: '23514', message: 'illegal claim transition: (new) → paid' });
    await expect(
      client.query(
        `INSERT INTO payout_bills (out_bill_no, claim_id, attempt, amount_fen, state) VALUES ('C2A1', $1, 2, 100, 'SUCCESS')`,
        [ids.claim],
      ),
    ).rejects.toMatchObject({
      code: '23514',
      message: 'illegal payout_bill transition: (new) → SUCCESS',
    });
  });

  it('an update that keeps the status is never refused, even from a final status', async () => {
    await force('claims', 'status', 'rejected');
    await expect(
      client.query(`UPDATE claims SET status = 'rejected', amount_fen = amount_fen WHERE id = $1`, [ids.claim]),
    ).resolves.toBeDefined();
  });
});
