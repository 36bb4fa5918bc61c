import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flight-delay claims that pay themselves (issue #5): the provider's status events kept as
 * evidence, claims (exactly one per policy), WeChat Pay transfer bills (one row per attempt, the
 * bill number derived from the claim), a shared token bucket for WeChat's 100/s transfer limit,
 * and minimal staff sessions with an audit trail for the manual-review queue.
 */
export class FlightClaims1764500300000 implements MigrationInterface {
  name = 'FlightClaims1764500300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every event the provider pushed or we pulled, applied or not: the evidence behind a claim.
    await queryRunner.query(`
      CREATE TABLE flight_status_events (
        event_id varchar(64) PRIMARY KEY,
        source varchar(8) NOT NULL CHECK (source IN ('push', 'poll')),
        flight_id uuid REFERENCES flights (id),
        flight_no varchar(8) NOT NULL,
        flight_date date NOT NULL,
        status varchar(16) NOT NULL,
        revision integer NOT NULL,
        applied boolean NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX flight_status_events_flight_idx ON flight_status_events (flight_id, revision)`,
    );

    // The same checkable format as shared/src/rules/business-number.ts (Beijing date, 9-digit
    // sequence, Luhn digit), so that a mass settlement can number 300 claims in one statement.
    await queryRunner.query(`
      CREATE FUNCTION business_number(kind char(1), issued_at timestamptz, seq bigint) RETURNS varchar
      LANGUAGE plpgsql IMMUTABLE STRICT AS $$
      DECLARE
        digits text := to_char(issued_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYMMDD') || lpad(seq::text, 9, '0');
        total int := 0;
        d int;
      BEGIN
        IF length(digits) > 15 THEN RAISE EXCEPTION 'sequence too large: %', seq; END IF;
        FOR i IN 0 .. length(digits) - 1 LOOP
          d := substr(digits, length(digits) - i, 1)::int;
          IF i % 2 = 0 THEN
            d := d * 2;
            IF d > 9 THEN d := d - 9; END IF;
          END IF;
          total := total + d;
        END LOOP;
        RETURN kind || digits || ((10 - total % 10) % 10)::text;
      END $$`);
    await queryRunner.query(`CREATE SEQUENCE claim_no_seq`);

    await queryRunner.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_no varchar(20) NOT NULL UNIQUE,
        policy_id uuid NOT NULL REFERENCES policies (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        flight_id uuid NOT NULL REFERENCES flights (id),
        product_version_id uuid NOT NULL REFERENCES product_versions (id),
        status varchar(16) NOT NULL
          CHECK (status IN ('approved', 'offered', 'paid', 'failed', 'expired', 'manual_review', 'rejected')),
        amount_fen integer NOT NULL CHECK (amount_fen >= 0),
        evidence jsonb NOT NULL,
        rejected_reason text,
        decided_by varchar(64) NOT NULL,
        payout_attempt integer NOT NULL DEFAULT 0,
        notify_state varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (notify_state IN ('pending', 'sending', 'sent', 'unsubscribed', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        approved_at timestamptz,
        offered_at timestamptz,
        paid_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claims_one_per_policy UNIQUE (policy_id)
      )`);
    await queryRunner.query(`CREATE INDEX claims_customer_idx ON claims (customer_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX claims_status_idx ON claims (status, created_at)`);
    // The manual-review sweep: active policies whose cover ended without a final flight status.
    await queryRunner.query(
      `CREATE INDEX policies_active_cover_end_idx ON policies (cover_end) WHERE status = 'active'`,
    );

    // One row per transfer-bill attempt. out_bill_no = claim number + 'A' + attempt: a retry of the
    // same attempt reuses it (WeChat returns the same bill), and attempt n+1 exists only once
    // attempt n is known to be FAIL or CANCELLED.
    await queryRunner.query(`
      CREATE TABLE payout_bills (
        out_bill_no varchar(32) PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES claims (id),
        attempt integer NOT NULL CHECK (attempt > 0),
        amount_fen integer NOT NULL CHECK (amount_fen >= 10),
        state varchar(24) NOT NULL DEFAULT 'CREATING'
          CHECK (state IN ('CREATING', 'ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED')),
        transfer_bill_no varchar(64),
        fail_reason varchar(64),
        last_error varchar(256),
        create_calls integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT payout_bills_claim_attempt_key UNIQUE (claim_id, attempt)
      )`);
    await queryRunner.query(
      `CREATE INDEX payout_bills_open_idx ON payout_bills (updated_at) WHERE state NOT IN ('SUCCESS', 'FAIL', 'CANCELLED')`,
    );

    // Token buckets shared by every instance (architecture.md "Scaling out").
    await queryRunner.query(`
      CREATE TABLE token_buckets (
        name varchar(64) PRIMARY KEY,
        capacity double precision NOT NULL CHECK (capacity > 0),
        refill_per_second double precision NOT NULL CHECK (refill_per_second > 0),
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // WeChat Pay: 100 QPS per merchant for transfer-bill create and query together.
    await queryRunner.query(
      `INSERT INTO token_buckets (name, capacity, refill_per_second, tokens) VALUES ('wechatpay.transfer_bills', 100, 100, 100)`,
    );

    await queryRunner.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        display_name varchar(64) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('marketing', 'support', 'admin')),
        password_hash varchar(256) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE staff_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_user_id uuid NOT NULL REFERENCES staff_users (id),
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    // Append-only: who looked at or changed what, when (compliance: support sees customer data
    // only through audited access).
    await queryRunner.query(`
      CREATE TABLE staff_audit_log (
        id bigserial PRIMARY KEY,
        staff_user_id uuid REFERENCES staff_users (id),
        username varchar(64) NOT NULL,
        action varchar(48) NOT NULL,
        resource_type varchar(32),
        resource_id varchar(64),
        detail jsonb,
        request_id varchar(64),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX staff_audit_log_user_idx ON staff_audit_log (staff_user_id, at DESC)`);
    await queryRunner.query(
      `CREATE INDEX staff_audit_log_resource_idx ON staff_audit_log (resource_type, resource_id, at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'staff_audit_log',
      'staff_sessions',
      'staff_users',
      'token_buckets',
      'payout_bills',
      'claims',
      'flight_status_events',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP INDEX policies_active_cover_end_idx`);
    await queryRunner.query(`DROP SEQUENCE claim_no_seq`);
    await queryRunner.query(`DROP FUNCTION business_number(char, timestamptz, bigint)`);
  }
}
