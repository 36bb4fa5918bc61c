import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flight-delay pricing statistics (products.md §1, ADR 0006):
 * - `flight_delay_statistics`: outcome counts per cell of each level, added to by every import;
 * - `flight_history_imports`: files already imported, by content hash (re-import adds nothing);
 * - `flight_delay_base_rates`: configured national trigger probabilities, the prior when little
 *   or nothing was imported. The seed is a frozen copy of `CHINA_BASE_TRIGGER_RATES` as of this
 *   migration; later changes are new rows or updates, never an edit here.
 */
export class FlightStatistics1764400000000 implements MigrationInterface {
  name = 'FlightStatistics1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flight_delay_statistics (
        level varchar(32) NOT NULL CHECK (level IN (
          'flight_season', 'route_month_hour_band', 'airline', 'origin_airport', 'destination_airport', 'national')),
        carrier varchar(3) NOT NULL DEFAULT '',
        flight_no varchar(6) NOT NULL DEFAULT '',
        origin varchar(3) NOT NULL DEFAULT '',
        destination varchar(3) NOT NULL DEFAULT '',
        quarter smallint NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
        month smallint NOT NULL DEFAULT 0 CHECK (month BETWEEN 0 AND 12),
        hour_band smallint NOT NULL DEFAULT 0 CHECK (hour_band BETWEEN 0 AND 23),
        n integer NOT NULL CHECK (n >= 0),
        n_delay_ge_60 integer NOT NULL,
        n_delay_ge_90 integer NOT NULL,
        n_delay_ge_120 integer NOT NULL,
        n_delay_ge_180 integer NOT NULL,
        n_cancelled integer NOT NULL CHECK (n_cancelled >= 0),
        n_diverted integer NOT NULL CHECK (n_diverted >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Unused dimensions are '' / 0 rather than NULL so this key is a plain unique key,
        -- usable by ON CONFLICT for the additive upsert and by the quote's lookup.
        PRIMARY KEY (level, carrier, flight_no, origin, destination, quarter, month, hour_band),
        CONSTRAINT flight_delay_statistics_counts_check CHECK (
          n_delay_ge_180 >= 0 AND n_delay_ge_180 <= n_delay_ge_120 AND n_delay_ge_120 <= n_delay_ge_90
          AND n_delay_ge_90 <= n_delay_ge_60 AND n_delay_ge_60 + n_cancelled + n_diverted <= n)
      )`);
    await queryRunner.query(`
      CREATE TABLE flight_history_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        content_sha256 char(64) NOT NULL UNIQUE,
        file_name text NOT NULL,
        flights integer NOT NULL CHECK (flights >= 0),
        rows_without_outcome integer NOT NULL CHECK (rows_without_outcome >= 0),
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE flight_delay_base_rates (
        delay_threshold_minutes smallint PRIMARY KEY CHECK (delay_threshold_minutes > 0),
        trigger_probability numeric(6, 5) NOT NULL CHECK (trigger_probability BETWEEN 0 AND 1),
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const source =
      'CAAC on-time rate 80-88% (15-minute standard); tail shares from BTS 2008; ' +
      'cancellation ~1-2%, diversion ~0.2%; rounded up (ADR 0006)';
    await queryRunner.query(
      `INSERT INTO flight_delay_base_rates (delay_threshold_minutes, trigger_probability, source)
       VALUES (60, 0.07, $1), (90, 0.05, $1), (120, 0.035, $1), (180, 0.025, $1)`,
      [source],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE flight_delay_base_rates`);
    await queryRunner.query(`DROP TABLE flight_history_imports`);
    await queryRunner.query(`DROP TABLE flight_delay_statistics`);
  }
}
