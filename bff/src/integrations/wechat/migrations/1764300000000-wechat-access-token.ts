import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mini-program access token, shared by every BFF instance. `lease_*` lets exactly one
 * instance refresh it: WeChat invalidates the previous token 5 minutes after a refresh, so
 * instances refreshing on their own would keep knocking each other's tokens out.
 */
export class WechatAccessToken1764300000000 implements MigrationInterface {
  name = 'WechatAccessToken1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE wechat_access_token (
        appid         text        PRIMARY KEY,
        access_token  text,
        expires_at    timestamptz,
        lease_owner   text,
        lease_until   timestamptz,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE wechat_access_token');
  }
}
