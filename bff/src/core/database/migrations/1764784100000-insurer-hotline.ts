import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insurer's customer-service hotline, stated on the e-policy (issue 13). Contact data of the
 * insurer, not terms of a product version: one row per insurer, looked up by the name the version
 * was sold under, so sold versions stay untouched.
 */
export class InsurerHotline1764784100000 implements MigrationInterface {
  name = 'InsurerHotline1764784100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insurers (
        name varchar(64) PRIMARY KEY,
        service_hotline varchar(32) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `INSERT INTO insurers (name, service_hotline) VALUES ('小安在线财产保险股份有限公司', '400-886-9595')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insurers`);
  }
}
