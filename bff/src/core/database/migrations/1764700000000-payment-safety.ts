import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money safety (issue 14).
 *
 * - A genuinely signed payment that does not match its order (amount, currency, payer, appid,
 *   mchid) is kept as evidence in `payment_mismatches`, its order becomes `payment_mismatch`, and
 *   what was really paid is refunded (`refunds.total_fen`: the transaction's total, which WeChat
 *   requires in the refund request when it differs from the order's premium).
 * - An index for the order-time check of one open order per insured and cover.
 * - A transfer bill keeps WeChat's error code of its last creation call and whether retrying the
 *   same request can help; a bill WeChat refused and does not hold is `ABANDONED` (our state, never
 *   WeChat's), so the claim can be collected again under a new number.
 */
export class PaymentSafety1764700000000 implements MigrationInterface {
  name = 'PaymentSafety1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE orders DROP CONSTRAINT orders_status_check,
        ADD CONSTRAINT orders_status_check
          CHECK (status IN ('pending_payment', 'paid', 'issued', 'refunding', 'refunded', 'closed', 'payment_mismatch'))`);
    await queryRunner.query(`ALTER TABLE refunds ADD COLUMN total_fen integer CHECK (total_fen > 0)`);
    await queryRunner.query(`
      CREATE TABLE payment_mismatches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
        source varchar(16) NOT NULL CHECK (source IN ('notification', 'query')),
        notification_id varchar(64),
        problems varchar(16)[] NOT NULL,
        transaction_id varchar(64),
        paid_fen integer,
        currency varchar(16),
        payer_openid varchar(128),
        appid varchar(64),
        mchid varchar(32),
        -- The decrypted transaction exactly as WeChat reported it.
        transaction jsonb NOT NULL,
        refund_id uuid REFERENCES refunds (id),
        detected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX payment_mismatches_detected_idx ON payment_mismatches (detected_at DESC)`);
    // One open order per insured and cover is checked at order time.
    await queryRunner.query(
      `CREATE INDEX orders_open_insured_idx ON orders (insured_id_index) WHERE status IN ('pending_payment', 'paid')`,
    );

    await queryRunner.query(`
      ALTER TABLE payout_bills DROP CONSTRAINT payout_bills_state_check,
        ADD CONSTRAINT payout_bills_state_check
          CHECK (state IN ('CREATING', 'ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED', 'ABANDONED'))`);
    await queryRunner.query(
      `ALTER TABLE payout_bills ADD COLUMN last_error_code varchar(48), ADD COLUMN last_error_retryable boolean`,
    );
    await queryRunner.query(
      `CREATE INDEX payout_bills_unfinished_idx ON payout_bills (updated_at) WHERE state IN ('CREATING', 'ABANDONED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX payout_bills_unfinished_idx`);
    await queryRunner.query(`ALTER TABLE payout_bills DROP COLUMN last_error_code, DROP COLUMN last_error_retryable`);
    await queryRunner.query(`UPDATE payout_bills SET state = 'CANCELLED' WHERE state = 'ABANDONED'`);
    await queryRunner.query(`
      ALTER TABLE payout_bills DROP CONSTRAINT payout_bills_state_check,
        ADD CONSTRAINT payout_bills_state_check
          CHECK (state IN ('CREATING', 'ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'))`);
    await queryRunner.query(`DROP INDEX orders_open_insured_idx`);
    await queryRunner.query(`DROP TABLE payment_mismatches`);
    await queryRunner.query(`ALTER TABLE refunds DROP COLUMN total_fen`);
    await queryRunner.query(`UPDATE orders SET status = 'refunding' WHERE status = 'payment_mismatch'`);
    await queryRunner.query(`
      ALTER TABLE orders DROP CONSTRAINT orders_status_check,
        ADD CONSTRAINT orders_status_check CHECK (status IN ('pending_payment', 'paid', 'issued', 'refunding', 'refunded', 'closed'))`);
  }
}
