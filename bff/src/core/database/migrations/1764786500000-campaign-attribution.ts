import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign attribution (issue 12, analytics): a share card or poster opened, and a new customer
 * bound through it, now record the campaign whose card it was (the `cid` the campaign page's share
 * path carries), so that one campaign's funnel, top sharers and K-factor count its own opens and
 * bindings rather than everything that happened while it ran. NULL: a card shared from outside any
 * campaign (a product page, a policy, a claim), or one recorded before this column existed.
 */
export class CampaignAttribution1764786500000 implements MigrationInterface {
  name = 'CampaignAttribution1764786500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE campaign_card_opens ADD COLUMN campaign_id uuid REFERENCES campaigns (id)`);
    await queryRunner.query(`ALTER TABLE invite_bindings ADD COLUMN campaign_id uuid REFERENCES campaigns (id)`);
    await queryRunner.query(
      `CREATE INDEX campaign_card_opens_campaign ON campaign_card_opens (campaign_id, inviter_id) WHERE campaign_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX invite_bindings_campaign ON invite_bindings (campaign_id, inviter_id) WHERE campaign_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX invite_bindings_campaign, campaign_card_opens_campaign`);
    await queryRunner.query(`ALTER TABLE invite_bindings DROP COLUMN campaign_id`);
    await queryRunner.query(`ALTER TABLE campaign_card_opens DROP COLUMN campaign_id`);
  }
}
