import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff console's foundation (issue 10): a staff member holds a set of roles (was one role),
 * one-time passwords that must be replaced, login throttling per account and per IP, and an audit
 * log that says who (in which roles) did what to which customer or policy, from where and why —
 * append-only in the database itself, not merely by convention.
 */
export class StaffConsole1764720000000 implements MigrationInterface {
  name = 'StaffConsole1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE staff_users ADD COLUMN roles varchar(16)[]`);
    await queryRunner.query(`UPDATE staff_users SET roles = ARRAY[role]::varchar(16)[]`);
    await queryRunner.query(`
      ALTER TABLE staff_users
        ALTER COLUMN roles SET NOT NULL,
        ADD CONSTRAINT staff_users_roles_check
          CHECK (cardinality(roles) BETWEEN 1 AND 3 AND roles <@ ARRAY['admin', 'support', 'marketing']::varchar(16)[]),
        DROP COLUMN role,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_login_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX staff_sessions_user_idx ON staff_sessions (staff_user_id) WHERE revoked_at IS NULL`,
    );

    // Failed sign-ins, per key: 'account:<username>' (known or not, so that the answer never tells
    // which accounts exist) and 'ip:<address>'. A key with enough failures in its window is locked.
    await queryRunner.query(`
      CREATE TABLE staff_login_throttle (
        key varchar(128) PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);

    await queryRunner.query(`
      ALTER TABLE staff_audit_log
        ADD COLUMN roles varchar(16)[] NOT NULL DEFAULT '{}',
        ADD COLUMN customer_id uuid,
        ADD COLUMN policy_no varchar(32),
        ADD COLUMN ip varchar(45),
        ADD COLUMN reason varchar(500)`);
    await queryRunner.query(`CREATE INDEX staff_audit_log_at_idx ON staff_audit_log (at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX staff_audit_log_action_idx ON staff_audit_log (action, at DESC)`);
    await queryRunner.query(
      `CREATE INDEX staff_audit_log_customer_idx ON staff_audit_log (customer_id, at DESC) WHERE customer_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX staff_audit_log_policy_idx ON staff_audit_log (policy_no, at DESC) WHERE policy_no IS NOT NULL`,
    );
    // Append-only: the application's own database user cannot rewrite or erase the trail.
    await queryRunner.query(`
      CREATE FUNCTION staff_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'staff_audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER staff_audit_log_no_rewrite BEFORE UPDATE OR DELETE ON staff_audit_log
        FOR EACH ROW EXECUTE FUNCTION staff_audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER staff_audit_log_no_truncate BEFORE TRUNCATE ON staff_audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION staff_audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER staff_audit_log_no_truncate ON staff_audit_log`);
    await queryRunner.query(`DROP TRIGGER staff_audit_log_no_rewrite ON staff_audit_log`);
    await queryRunner.query(`DROP FUNCTION staff_audit_log_append_only()`);
    await queryRunner.query(`DROP INDEX staff_audit_log_policy_idx`);
    await queryRunner.query(`DROP INDEX staff_audit_log_customer_idx`);
    await queryRunner.query(`DROP INDEX staff_audit_log_action_idx`);
    await queryRunner.query(`DROP INDEX staff_audit_log_at_idx`);
    await queryRunner.query(
      `ALTER TABLE staff_audit_log DROP COLUMN reason, DROP COLUMN ip, DROP COLUMN policy_no, DROP COLUMN customer_id, DROP COLUMN roles`,
    );
    await queryRunner.query(`DROP TABLE staff_login_throttle`);
    await queryRunner.query(`DROP INDEX staff_sessions_user_idx`);
    // The most privileged role of each member survives the way back to one role.
    await queryRunner.query(
      `ALTER TABLE staff_users ADD COLUMN role varchar(16) CHECK (role IN ('marketing', 'support', 'admin'))`,
    );
    await queryRunner.query(`
      UPDATE staff_users SET role = CASE WHEN 'admin' = ANY(roles) THEN 'admin' WHEN 'support' = ANY(roles) THEN 'support' ELSE 'marketing' END`);
    await queryRunner.query(`
      ALTER TABLE staff_users
        ALTER COLUMN role SET NOT NULL,
        DROP CONSTRAINT staff_users_roles_check,
        DROP COLUMN roles,
        DROP COLUMN must_change_password,
        DROP COLUMN password_changed_at,
        DROP COLUMN last_login_at`);
  }
}
