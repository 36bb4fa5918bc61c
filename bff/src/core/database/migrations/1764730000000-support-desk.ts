import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer service's desk (issue 10): find a customer by phone through a blind index (HMAC of the
 * normalised number under a key derived from DATA_ENCRYPTION_KEY), never by scanning or decrypting.
 * The key is not known to SQL, so existing rows are filled by the BFF's backfill at start-up
 * (`PhoneIndexBackfill`); new orders carry it from creation. NULL means "not filled yet".
 */
export class SupportDesk1764730000000 implements MigrationInterface {
  name = 'SupportDesk1764730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders ADD COLUMN insured_phone_index varchar(64)`);
    await queryRunner.query(
      `CREATE INDEX orders_insured_phone_index_idx ON orders (insured_phone_index) WHERE insured_phone_index IS NOT NULL`,
    );
    // The backfill's work list, gone once every row has its index.
    await queryRunner.query(
      `CREATE INDEX orders_phone_index_missing_idx ON orders (id) WHERE insured_phone_index IS NULL`,
    );
    // Masked name + flight: the orders of one flight.
    await queryRunner.query(`CREATE INDEX orders_flight_idx ON orders (flight_id) WHERE flight_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX orders_flight_idx`);
    await queryRunner.query(`DROP INDEX orders_phone_index_missing_idx`);
    await queryRunner.query(`DROP INDEX orders_insured_phone_index_idx`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN insured_phone_index`);
  }
}
