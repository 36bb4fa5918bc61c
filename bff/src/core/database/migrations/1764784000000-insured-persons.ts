import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insured, properly (issue 13): every insured person of an order is recorded with their own
 * identity (RAIN for N persons records N), their document type (身份证, passport, 港澳台 permits)
 * and their relationship to the buyer; a claim names the insured person it pays (one per person);
 * and 常用被保险人 are kept, encrypted, only on the customer's consent, deleted on request.
 */
export class InsuredPersons1764784000000 implements MigrationInterface {
  name = 'InsuredPersons1764784000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN insured_id_type varchar(16) NOT NULL DEFAULT 'id_card'
          CHECK (insured_id_type IN ('id_card', 'passport', 'hk_macao_permit', 'taiwan_permit')),
        ADD COLUMN insured_relationship varchar(8) NOT NULL DEFAULT 'self'
          CHECK (insured_relationship IN ('self', 'spouse', 'child', 'parent', 'other')),
        ALTER COLUMN insured_name_masked TYPE varchar(48)`);
    await queryRunner.query(`
      CREATE TABLE order_insureds (
        order_id uuid NOT NULL REFERENCES orders (id),
        seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 10),
        relationship varchar(8) NOT NULL CHECK (relationship IN ('self', 'spouse', 'child', 'parent', 'other')),
        id_type varchar(16) NOT NULL CHECK (id_type IN ('id_card', 'passport', 'hk_macao_permit', 'taiwan_permit')),
        name_encrypted text NOT NULL,
        name_masked varchar(48) NOT NULL,
        id_encrypted text NOT NULL,
        id_index varchar(64) NOT NULL,
        id_masked varchar(24) NOT NULL,
        phone_encrypted text,
        phone_masked varchar(16),
        PRIMARY KEY (order_id, seq),
        CONSTRAINT order_insureds_once_per_order UNIQUE (order_id, id_index)
      )`);
    await queryRunner.query(`CREATE INDEX order_insureds_id_index_idx ON order_insureds (id_index)`);
    // Orders sold before this migration named one person: they are that order's insured no. 1.
    await queryRunner.query(`
      INSERT INTO order_insureds (order_id, seq, relationship, id_type, name_encrypted, name_masked, id_encrypted, id_index, id_masked,
                                  phone_encrypted, phone_masked)
      SELECT id, 1, 'self', 'id_card', insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index, insured_id_masked,
             insured_phone_encrypted, insured_phone_masked
        FROM orders`);

    // One claim per insured person: a RAIN policy for 3 persons has 3 claims, each paying its person.
    await queryRunner.query(`ALTER TABLE claims ADD COLUMN insured_seq smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE claims DROP CONSTRAINT claims_one_per_policy`);
    await queryRunner.query(`ALTER TABLE claims ADD CONSTRAINT claims_one_per_insured UNIQUE (policy_id, insured_seq)`);

    await queryRunner.query(`
      CREATE TABLE saved_insureds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        relationship varchar(8) NOT NULL CHECK (relationship IN ('self', 'spouse', 'child', 'parent', 'other')),
        id_type varchar(16) NOT NULL CHECK (id_type IN ('id_card', 'passport', 'hk_macao_permit', 'taiwan_permit')),
        name_encrypted text NOT NULL,
        name_masked varchar(48) NOT NULL,
        id_encrypted text NOT NULL,
        id_index varchar(64) NOT NULL,
        id_masked varchar(24) NOT NULL,
        phone_encrypted text,
        phone_masked varchar(16),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT saved_insureds_once_per_customer UNIQUE (customer_id, id_index)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE saved_insureds`);
    await queryRunner.query(`ALTER TABLE claims DROP CONSTRAINT claims_one_per_insured`);
    await queryRunner.query(`DELETE FROM claims WHERE insured_seq > 1`);
    await queryRunner.query(`ALTER TABLE claims ADD CONSTRAINT claims_one_per_policy UNIQUE (policy_id)`);
    await queryRunner.query(`ALTER TABLE claims DROP COLUMN insured_seq`);
    await queryRunner.query(`DROP TABLE order_insureds`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN insured_id_type, DROP COLUMN insured_relationship`);
  }
}
