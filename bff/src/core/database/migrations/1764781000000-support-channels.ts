import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer service over two channels (issue 11): a conversation remembers where the user last wrote
 * from — WeChat's 消息推送 or the H5 chat page — and so where replies go; when the satisfaction
 * invitation went out after resolution.
 */
export class SupportChannels1764781000000 implements MigrationInterface {
  name = 'SupportChannels1764781000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE support_conversations ADD COLUMN channel varchar(8) NOT NULL DEFAULT 'wechat' CHECK (channel IN ('wechat', 'h5'))`,
    );
    await queryRunner.query(`ALTER TABLE support_conversations ADD COLUMN rating_invited_at timestamptz`);
    // Pushes not yet made into messages, for the ingest sweep that picks up what a lost job left behind.
    await queryRunner.query(
      `CREATE INDEX support_inbound_pushes_unprocessed_idx ON support_inbound_pushes (received_at) WHERE processed_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS support_inbound_pushes_unprocessed_idx`);
    await queryRunner.query(`ALTER TABLE support_conversations DROP COLUMN rating_invited_at`);
    await queryRunner.query(`ALTER TABLE support_conversations DROP COLUMN channel`);
  }
}
