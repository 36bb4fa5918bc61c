import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live guard rails on flight-delay sales (issue 16, ADR 0006):
 * - `product_version_sale_stops`: a version whose running loss ratio crossed its configured
 *   threshold stops selling, with the figures that stopped it. One row per version; reopening
 *   is a new product version (products as configuration), so the row is never deleted.
 * - `route_stop_sales`: a route that staff closed ahead of adverse weather, until they lift it.
 */
export class PricingGuardRails1764740000000 implements MigrationInterface {
  name = 'PricingGuardRails1764740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE product_version_sale_stops (
        product_version_id uuid PRIMARY KEY REFERENCES product_versions (id),
        reason text NOT NULL,
        loss_ratio numeric(10, 4) NOT NULL,
        premium_fen bigint NOT NULL CHECK (premium_fen >= 0),
        claims_fen bigint NOT NULL CHECK (claims_fen >= 0),
        window_days integer NOT NULL CHECK (window_days > 0),
        max_loss_ratio numeric(10, 4) NOT NULL,
        stopped_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE route_stop_sales (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        origin varchar(3) NOT NULL CHECK (origin ~ '^[A-Z]{3}$'),
        destination varchar(3) NOT NULL CHECK (destination ~ '^[A-Z]{3}$'),
        reason text NOT NULL,
        set_by varchar(64) NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        lifted_by varchar(64),
        lifted_at timestamptz,
        CONSTRAINT route_stop_sales_lifted_check CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
      )`);
    // At most one open stop per route: setting it twice is a conflict, not a second row.
    await queryRunner.query(
      `CREATE UNIQUE INDEX route_stop_sales_open_route ON route_stop_sales (origin, destination) WHERE lifted_at IS NULL`,
    );
    // The running loss ratio reads policies of one version by cover start.
    await queryRunner.query(
      `CREATE INDEX policies_version_cover_start_idx ON policies (product_version_id, cover_start)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX policies_version_cover_start_idx`);
    await queryRunner.query(`DROP TABLE route_stop_sales`);
    await queryRunner.query(`DROP TABLE product_version_sale_stops`);
  }
}
