import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order, policy, claim and payout-bill state machines (shared/src/rules/*-machine.ts) enforced
 * by the database: `status_transitions` holds every allowed change (`from_status` NULL for the
 * states a row may be created in), and a trigger on each table refuses an INSERT or a change of
 * status it does not list, whichever code path writes it (set-based settlement SQL included).
 *
 * The pairs are a frozen copy of the shared tables as of this migration, not an import, so that
 * this migration means the same thing forever and a change to a shared table without a migration
 * that updates `status_transitions` fails the test that compares the two
 * (bff/test/medium/status-transition-guards.medium.spec.ts).
 */
const FROZEN_MACHINES: Record<
  string,
  { table: string; column: string; initial: string[]; transitions: Record<string, string[]> }
> = {
  order: {
    table: 'orders',
    column: 'status',
    initial: ['pending_payment'],
    transitions: {
      pending_payment: ['issued', 'refunding', 'payment_mismatch', 'closed'],
      closed: ['refunding', 'payment_mismatch'],
      issued: ['refunding'],
      refunding: ['refunded'],
    },
  },
  policy: {
    table: 'policies',
    column: 'status',
    initial: ['active'],
    transitions: { active: ['claimed', 'expired', 'cancelled'] },
  },
  claim: {
    table: 'claims',
    column: 'status',
    initial: ['approved', 'manual_review'],
    transitions: {
      manual_review: ['approved', 'rejected'],
      approved: ['offered', 'paid', 'failed', 'expired', 'rejected'],
      offered: ['approved', 'paid', 'failed', 'expired'],
      failed: ['approved', 'offered', 'paid', 'expired'],
      expired: ['approved', 'offered', 'paid', 'failed'],
      paid: ['approved'],
    },
  },
  payout_bill: {
    table: 'payout_bills',
    column: 'state',
    initial: ['CREATING'],
    transitions: {
      CREATING: [
        'ACCEPTED',
        'PROCESSING',
        'WAIT_USER_CONFIRM',
        'TRANSFERING',
        'SUCCESS',
        'FAIL',
        'CANCELING',
        'CANCELLED',
        'ABANDONED',
      ],
      ACCEPTED: ['PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
      PROCESSING: ['ACCEPTED', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
      WAIT_USER_CONFIRM: ['ACCEPTED', 'PROCESSING', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
      TRANSFERING: ['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
      CANCELING: ['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELLED'],
      ABANDONED: ['SUCCESS'],
    },
  },
};

export class StatusTransitionGuards1764786000000 implements MigrationInterface {
  name = 'StatusTransitionGuards1764786000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE status_transitions (
        machine varchar(32) NOT NULL,
        from_status varchar(32),
        to_status varchar(32) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX status_transitions_key ON status_transitions (machine, coalesce(from_status, ''), to_status)`,
    );
    for (const [machine, { initial, transitions }] of Object.entries(FROZEN_MACHINES)) {
      const pairs: [string | null, string][] = [
        ...initial.map((to): [string | null, string] => [null, to]),
        ...Object.entries(transitions).flatMap(([from, tos]) => tos.map((to): [string | null, string] => [from, to])),
      ];
      await queryRunner.query(
        `INSERT INTO status_transitions (machine, from_status, to_status) SELECT $1, f, t FROM unnest($2::varchar[], $3::varchar[]) AS p(f, t)`,
        [machine, pairs.map(([from]) => from), pairs.map(([, to]) => to)],
      );
    }

    // TG_ARGV: the machine, then the status column. An UPDATE that keeps the status never reaches
    // it (the triggers' WHEN), so a mass settlement that rewrites amounts pays nothing for it.
    await queryRunner.query(`
      CREATE FUNCTION guard_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_status text;
        new_status text;
      BEGIN
        -- Only the branch taken is planned, so a table without a "state" column never reads one.
        IF TG_ARGV[1] = 'state' THEN
          new_status := NEW.state;
          IF TG_OP = 'UPDATE' THEN old_status := OLD.state; END IF;
        ELSE
          new_status := NEW.status;
          IF TG_OP = 'UPDATE' THEN old_status := OLD.status; END IF;
        END IF;
        IF NOT EXISTS (
          SELECT 1 FROM status_transitions t
           WHERE t.machine = TG_ARGV[0] AND coalesce(t.from_status, '') = coalesce(old_status, '') AND t.to_status = new_status) THEN
          RAISE EXCEPTION 'illegal % transition: % → %', TG_ARGV[0], coalesce(old_status, '(new)'), new_status
            USING ERRCODE = 'check_violation', HINT = 'shared/src/rules/' || replace(TG_ARGV[0], '_', '-') || '-*-machine.ts lists the allowed changes';
        END IF;
        RETURN NEW;
      END $$`);
    for (const [machine, { table, column }] of Object.entries(FROZEN_MACHINES)) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_${column}_created BEFORE INSERT ON ${table}
           FOR EACH ROW EXECUTE FUNCTION guard_status_transition('${machine}', '${column}')`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_${column}_transition BEFORE UPDATE OF ${column} ON ${table}
           FOR EACH ROW WHEN (OLD.${column} IS DISTINCT FROM NEW.${column}) EXECUTE FUNCTION guard_status_transition('${machine}', '${column}')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column } of Object.values(FROZEN_MACHINES)) {
      await queryRunner.query(`DROP TRIGGER ${table}_${column}_transition ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_${column}_created ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION guard_status_transition()`);
    await queryRunner.query(`DROP TABLE status_transitions`);
  }
}
