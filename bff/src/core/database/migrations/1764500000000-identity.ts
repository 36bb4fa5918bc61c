import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers keyed by openid, and their bearer sessions (token stored hashed, session_key encrypted). */
export class Identity1764500000000 implements MigrationInterface {
  name = 'Identity1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        openid varchar(64) NOT NULL UNIQUE,
        unionid varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE customer_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        token_hash char(64) NOT NULL UNIQUE,
        session_key_encrypted text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX customer_sessions_customer_idx ON customer_sessions (customer_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_sessions`);
    await queryRunner.query(`DROP TABLE customers`);
  }
}
