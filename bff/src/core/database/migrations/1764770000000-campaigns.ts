import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Share-and-win campaigns (issue 12): campaigns and their immutable published versions (可回溯),
 * invite codes and once-only bindings, rewards with their budget taken atomically, and the daily
 * caps counted in the same transaction as the grant.
 */
export class Campaigns1764770000000 implements MigrationInterface {
  name = 'Campaigns1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'paused', 'ended')),
        version integer NOT NULL DEFAULT 1,
        published_version integer,
        definition jsonb NOT NULL,
        budget_fen bigint NOT NULL CHECK (budget_fen >= 0),
        spent_fen bigint NOT NULL DEFAULT 0 CHECK (spent_fen >= 0),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        rejection_reason text,
        created_by varchar(64) NOT NULL,
        updated_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_budget_never_exceeded CHECK (spent_fen <= budget_fen)
      )`);
    await queryRunner.query(`
      CREATE TABLE campaign_versions (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        version integer NOT NULL,
        definition jsonb NOT NULL,
        submitted_by varchar(64) NOT NULL,
        approved_by varchar(64) NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, version)
      )`);
    // Published copy is a sales page (可回溯): once archived, never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION campaign_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'campaign version %/% is archived and immutable', OLD.campaign_id, OLD.version USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER campaign_versions_no_update_delete BEFORE UPDATE OR DELETE ON campaign_versions
        FOR EACH ROW EXECUTE FUNCTION campaign_versions_immutable()`);
    await queryRunner.query(`
      CREATE TRIGGER campaign_versions_no_truncate BEFORE TRUNCATE ON campaign_versions
        FOR EACH STATEMENT EXECUTE FUNCTION campaign_versions_immutable()`);

    await queryRunner.query(`
      CREATE TABLE invite_codes (
        customer_id uuid PRIMARY KEY REFERENCES customers (id),
        code varchar(16) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per invitee, ever: a customer is bound once and never re-bound.
    await queryRunner.query(`
      CREATE TABLE invite_bindings (
        invitee_id uuid PRIMARY KEY REFERENCES customers (id),
        inviter_id uuid NOT NULL REFERENCES customers (id),
        invite_code varchar(16) NOT NULL,
        share_path varchar(256),
        scene integer,
        bound_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invite_bindings_not_self CHECK (invitee_id <> inviter_id)
      )`);
    await queryRunner.query(`CREATE INDEX invite_bindings_inviter ON invite_bindings (inviter_id, bound_at)`);

    await queryRunner.query(`
      CREATE TABLE campaign_actions (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        action varchar(48) NOT NULL,
        product varchar(32),
        client_ip varchar(64),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE campaign_rewards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        campaign_version integer NOT NULL,
        rule_index integer NOT NULL,
        beneficiary_id uuid NOT NULL REFERENCES customers (id),
        invitee_id uuid NOT NULL REFERENCES customers (id),
        trigger varchar(48) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('cash', 'points')),
        amount_fen integer NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
        points integer NOT NULL DEFAULT 0 CHECK (points >= 0),
        status varchar(16) NOT NULL CHECK (status IN ('review', 'pending', 'paying', 'paid', 'rejected')),
        risk_rank integer,
        client_ip varchar(64),
        payable_at timestamptz NOT NULL,
        reviewed_by varchar(64),
        review_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_rewards_once_per_friend UNIQUE (campaign_id, rule_index, invitee_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_rewards_beneficiary ON campaign_rewards (beneficiary_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX campaign_rewards_review ON campaign_rewards (created_at) WHERE status = 'review'`,
    );
    // Per-user / per-IP / per-campaign daily caps, counted by a guarded upsert in the grant's transaction.
    await queryRunner.query(`
      CREATE TABLE campaign_cap_counters (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        day date NOT NULL,
        cap_key varchar(96) NOT NULL,
        used integer NOT NULL,
        PRIMARY KEY (campaign_id, day, cap_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE campaign_cap_counters, campaign_rewards, campaign_actions, invite_bindings, invite_codes`,
    );
    await queryRunner.query(`DROP TABLE campaign_versions`);
    await queryRunner.query(`DROP FUNCTION campaign_versions_immutable()`);
    await queryRunner.query(`DROP TABLE campaigns`);
  }
}
