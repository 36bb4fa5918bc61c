import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cash campaign rewards paid as transfer bills in the marketing scene (1000, not 1004): one row per
 * attempt, its number derived from the reward and the attempt, committed before WeChat is called.
 */
export class CampaignRewardBills1764770100000 implements MigrationInterface {
  name = 'CampaignRewardBills1764770100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE campaign_rewards ADD COLUMN payout_attempt integer NOT NULL DEFAULT 0, ADD COLUMN paid_at timestamptz`,
    );
    await queryRunner.query(`
      CREATE TABLE campaign_reward_bills (
        out_bill_no varchar(32) PRIMARY KEY,
        reward_id uuid NOT NULL REFERENCES campaign_rewards (id),
        attempt integer NOT NULL CHECK (attempt >= 1),
        amount_fen integer NOT NULL CHECK (amount_fen >= 10),
        state varchar(24) NOT NULL DEFAULT 'CREATING',
        transfer_bill_no varchar(64),
        fail_reason varchar(64),
        last_error varchar(256),
        create_calls integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (reward_id, attempt)
      )`);
    // At most one bill of a reward ever succeeds.
    await queryRunner.query(
      `CREATE UNIQUE INDEX campaign_reward_bills_one_success ON campaign_reward_bills (reward_id) WHERE state = 'SUCCESS'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE campaign_reward_bills`);
    await queryRunner.query(`ALTER TABLE campaign_rewards DROP COLUMN payout_attempt, DROP COLUMN paid_at`);
  }
}
