import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A flight-status event the BFF did not believe (an arrival in the future, or before the flight
 * left) is kept as evidence with the reason it was held; its policies go to manual review.
 */
export class FlightEventReview1764750100000 implements MigrationInterface {
  name = 'FlightEventReview1764750100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE flight_status_events ADD COLUMN held_reason varchar(32)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE flight_status_events DROP COLUMN held_reason`);
  }
}
