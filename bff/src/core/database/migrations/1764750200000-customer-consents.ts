import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which version of the privacy notice and the user agreement each customer agreed to, and when (compliance.md row 8). */
export class CustomerConsents1764750200000 implements MigrationInterface {
  name = 'CustomerConsents1764750200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_consents (
        customer_id uuid NOT NULL REFERENCES customers (id),
        document varchar(16) NOT NULL CHECK (document IN ('privacy', 'terms')),
        version varchar(16) NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, document, version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_consents`);
  }
}
