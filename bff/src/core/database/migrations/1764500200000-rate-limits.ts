import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fixed-window counters shared by every BFF instance (e.g. the public policy verification). */
export class RateLimits1764500200000 implements MigrationInterface {
  name = 'RateLimits1764500200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_windows (
        bucket varchar(128) NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_windows`);
  }
}
