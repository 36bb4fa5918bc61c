import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A policy names its product (ADR 0021): one policy per insured person per place and cover end is
 * now per product. Before, it was per place, whatever the product: right while HEAT37 sells cities
 * and RAIN spots, but a second kind sold on spot-days would have refused a RAIN holder its cover for
 * the same day (found by adding a fourth kind on a throwaway branch). The version cannot stand in for
 * the product: a product's next version must still find the previous one's policies.
 * `weather_capacity.period` widens so that a kind can count its own pool at a place (`snow:2027-01-10`).
 */
export class PolicyProduct1764787000000 implements MigrationInterface {
  name = 'PolicyProduct1764787000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE policies ADD COLUMN product_id uuid REFERENCES products (id)`);
    await queryRunner.query(
      `UPDATE policies p SET product_id = v.product_id FROM product_versions v WHERE v.id = p.product_version_id`,
    );
    await queryRunner.query(`ALTER TABLE policies ALTER COLUMN product_id SET NOT NULL`);
    await queryRunner.query(`DROP INDEX policies_one_per_insured_place`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX policies_one_per_insured_place ON policies (product_id, place_code, cover_end_date, insured_id_index)
        WHERE status <> 'cancelled' AND place_code IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE weather_capacity ALTER COLUMN period TYPE varchar(32)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE weather_capacity ALTER COLUMN period TYPE varchar(10)`);
    await queryRunner.query(`DROP INDEX policies_one_per_insured_place`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX policies_one_per_insured_place ON policies (place_code, cover_end_date, insured_id_index)
        WHERE status <> 'cancelled' AND place_code IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE policies DROP COLUMN product_id`);
  }
}
