import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign engine (issue 12, second part): helper (助力) counts, whole-campaign cap counters next to
 * the daily ones, share-card opens for attribution and the funnel, and invite posters made ahead of
 * time (the mini-program code is fetched once per invite code, never per view).
 */
export class CampaignEngine1764782000000 implements MigrationInterface {
  name = 'CampaignEngine1764782000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One help per (campaign rule, helper), ever: a friend helps a sharer once.
    await queryRunner.query(`
      CREATE TABLE campaign_helps (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        rule_index integer NOT NULL,
        helper_id uuid NOT NULL REFERENCES customers (id),
        inviter_id uuid NOT NULL REFERENCES customers (id),
        action varchar(48) NOT NULL,
        risk_rank integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, rule_index, helper_id),
        CONSTRAINT campaign_helps_not_self CHECK (helper_id <> inviter_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_helps_inviter ON campaign_helps (campaign_id, rule_index, inviter_id)`,
    );
    // A helper rule's fixed result is given once per sharer.
    await queryRunner.query(
      `CREATE UNIQUE INDEX campaign_rewards_helper_once ON campaign_rewards (campaign_id, rule_index, beneficiary_id) WHERE trigger = 'helpers_reached'`,
    );
    await queryRunner.query(`
      CREATE TABLE campaign_cap_totals (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        cap_key varchar(96) NOT NULL,
        used integer NOT NULL,
        PRIMARY KEY (campaign_id, cap_key)
      )`);
    await queryRunner.query(`ALTER TABLE campaign_actions ADD COLUMN device_id varchar(64)`);
    await queryRunner.query(`ALTER TABLE campaign_rewards ADD COLUMN device_id varchar(64)`);
    await queryRunner.query(`CREATE INDEX campaign_actions_created ON campaign_actions (created_at)`);
    await queryRunner.query(`CREATE INDEX campaign_rewards_campaign ON campaign_rewards (campaign_id, created_at)`);
    await queryRunner.query(`CREATE INDEX invite_bindings_bound_at ON invite_bindings (bound_at)`);

    // The mini-program reports each open of a share card or poster (attribution only; never rewarded).
    await queryRunner.query(`
      CREATE TABLE campaign_card_opens (
        id bigserial PRIMARY KEY,
        invite_code varchar(16) NOT NULL,
        inviter_id uuid REFERENCES customers (id),
        share_path varchar(256),
        scene integer,
        client_ip varchar(64),
        opened_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX campaign_card_opens_at ON campaign_card_opens (opened_at)`);
    await queryRunner.query(`CREATE INDEX campaign_card_opens_inviter ON campaign_card_opens (inviter_id, opened_at)`);

    await queryRunner.query(`
      CREATE TABLE invite_posters (
        invite_code varchar(16) PRIMARY KEY REFERENCES invite_codes (code),
        scene varchar(32) NOT NULL,
        page varchar(128) NOT NULL,
        code_png bytea NOT NULL,
        poster_png bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invite_posters, campaign_card_opens, campaign_cap_totals, campaign_helps`);
    await queryRunner.query(
      `DROP INDEX campaign_rewards_helper_once, campaign_rewards_campaign, campaign_actions_created, invite_bindings_bound_at`,
    );
    await queryRunner.query(`ALTER TABLE campaign_actions DROP COLUMN device_id`);
    await queryRunner.query(`ALTER TABLE campaign_rewards DROP COLUMN device_id`);
  }
}
