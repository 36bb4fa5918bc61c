import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-service cancellation before cover starts (compliance.md row 7): who cancelled a policy, when
 * and why. The refund itself is the order's refund row (one per order), as for automatic refunds.
 */
export class PolicyCancellation1764750000000 implements MigrationInterface {
  name = 'PolicyCancellation1764750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policies
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by varchar(16) CHECK (cancelled_by IN ('customer', 'staff')),
        ADD COLUMN cancelled_by_id varchar(64),
        ADD COLUMN cancel_reason text,
        ADD CONSTRAINT policies_cancelled_facts CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policies DROP CONSTRAINT policies_cancelled_facts,
        DROP COLUMN cancel_reason, DROP COLUMN cancelled_by_id, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at`);
  }
}
