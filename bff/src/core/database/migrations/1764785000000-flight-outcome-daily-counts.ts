import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily outcome counts of the flights we track (issue 16): per service day, carrier, route and
 * departure-hour band, how many reached a final status and how each ended, counted like the
 * imported statistics (`n`, `delay_ge_*`, `cancelled`, `diverted`), so any product's trigger
 * rule can be read from them. The live quote's recent-experience factor reads the last days.
 * `flight_outcomes_counted` holds each flight once: a corrected final status never counts twice.
 * A loss-ratio stop may now name the repriced version that replaced the stopped one.
 */
export class FlightOutcomeDailyCounts1764785000000 implements MigrationInterface {
  name = 'FlightOutcomeDailyCounts1764785000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flight_outcome_daily_counts (
        service_date date NOT NULL,
        carrier varchar(3) NOT NULL,
        origin varchar(4) NOT NULL,
        destination varchar(4) NOT NULL,
        month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
        hour_band smallint NOT NULL CHECK (hour_band BETWEEN 0 AND 23),
        n integer NOT NULL DEFAULT 0 CHECK (n >= 0),
        n_delay_ge_60 integer NOT NULL DEFAULT 0,
        n_delay_ge_90 integer NOT NULL DEFAULT 0,
        n_delay_ge_120 integer NOT NULL DEFAULT 0,
        n_delay_ge_180 integer NOT NULL DEFAULT 0,
        n_cancelled integer NOT NULL DEFAULT 0,
        n_diverted integer NOT NULL DEFAULT 0,
        PRIMARY KEY (service_date, carrier, origin, destination, hour_band)
      )`);
    await queryRunner.query(`
      CREATE TABLE flight_outcomes_counted (
        flight_id uuid PRIMARY KEY REFERENCES flights (id),
        counted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `ALTER TABLE product_version_sale_stops ADD COLUMN replaced_by_version_id uuid REFERENCES product_versions (id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE product_version_sale_stops DROP COLUMN replaced_by_version_id`);
    await queryRunner.query(`DROP TABLE flight_outcomes_counted`);
    await queryRunner.query(`DROP TABLE flight_outcome_daily_counts`);
  }
}
