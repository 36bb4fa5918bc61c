import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer service (issue 11): WeChat 消息推送 pushes as received (de-duplicated by MsgId), the
 * conversations and messages of the shared inbox, canned replies, and complaint tickets with their
 * regulatory clock (compliance.md row 6).
 */
export class Support1764760000000 implements MigrationInterface {
  name = 'Support1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per distinct push: WeChat retries a push 3 times; the first one in wins.
    await queryRunner.query(`
      CREATE TABLE support_inbound_pushes (
        dedupe_key varchar(96) PRIMARY KEY,
        openid varchar(64) NOT NULL,
        mode varchar(8) NOT NULL CHECK (mode IN ('plain', 'safe', 'h5')),
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE support_conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        openid varchar(64) NOT NULL,
        customer_id uuid REFERENCES customers (id),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved', 'snoozed')),
        priority varchar(8) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        assignee_id uuid REFERENCES staff_users (id),
        labels text[] NOT NULL DEFAULT '{}',
        waiting_since timestamptz,
        snoozed_until timestamptz,
        session_from varchar(64),
        reply_deadline timestamptz,
        replies_remaining integer NOT NULL DEFAULT 0 CHECK (replies_remaining >= 0),
        auto_reply_enabled boolean NOT NULL DEFAULT true,
        first_response_at timestamptz,
        first_response_by uuid REFERENCES staff_users (id),
        resolved_at timestamptz,
        resolved_by uuid REFERENCES staff_users (id),
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        rated_at timestamptz,
        last_message_at timestamptz NOT NULL,
        preview varchar(120) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A user has at most one live conversation; a message after resolution starts a new one.
    await queryRunner.query(
      `CREATE UNIQUE INDEX support_conversations_one_live ON support_conversations (openid) WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE INDEX support_conversations_inbox_idx ON support_conversations (status, last_message_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX support_conversations_assignee_idx ON support_conversations (assignee_id, status)`,
    );
    await queryRunner.query(`CREATE INDEX support_conversations_customer_idx ON support_conversations (customer_id)`);

    await queryRunner.query(`
      CREATE TABLE support_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order the inbox learned of messages: WeChat's CreateTime has only whole seconds.
        seq bigserial NOT NULL,
        conversation_id uuid NOT NULL REFERENCES support_conversations (id),
        direction varchar(8) NOT NULL CHECK (direction IN ('in', 'out', 'note')),
        kind varchar(16) NOT NULL CHECK (kind IN ('text', 'image', 'miniprogrampage', 'event', 'subscribe')),
        text text,
        media_id varchar(128),
        card jsonb,
        wx_msg_id varchar(96) UNIQUE,
        raw jsonb,
        author_kind varchar(8) NOT NULL CHECK (author_kind IN ('user', 'staff', 'auto')),
        author_staff_id uuid REFERENCES staff_users (id),
        send_state varchar(8) CHECK (send_state IN ('queued', 'sent', 'failed')),
        error_code varchar(24),
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX support_messages_conversation_idx ON support_messages (conversation_id, seq)`,
    );

    await queryRunner.query(`
      CREATE TABLE support_canned_replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(32) NOT NULL,
        body varchar(600) NOT NULL,
        created_by uuid REFERENCES staff_users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await queryRunner.query(`
      INSERT INTO support_canned_replies (title, body) VALUES
        ('理赔已到账', '您好，您的理赔 {{claimNo}} 已处理：航班晚到 {{delayMinutes}} 分钟，赔付 {{payoutAmount}}，已转入微信零钱，请在微信支付账单中查看。'),
        ('红包领取', '您好，理赔 {{claimNo}} 的 {{payoutAmount}} 红包已发放，请在「我的 → 我的理赔」中点「拆」领取，24 小时内有效。'),
        ('未达赔付条件', '您好，保单 {{policyNo}} 对应航班晚到 {{delayMinutes}} 分钟，未达到条款约定的赔付条件，所以这次没有赔付。如有疑问请继续留言。'),
        ('问候', '您好，我是小安保险客服，请问有什么可以帮您？')`);

    await queryRunner.query(`
      CREATE TABLE support_complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES support_conversations (id),
        customer_id uuid REFERENCES customers (id),
        openid varchar(64) NOT NULL,
        summary text NOT NULL,
        complex boolean NOT NULL DEFAULT false,
        extension_reason text,
        extended_at timestamptz,
        extended_by uuid REFERENCES staff_users (id),
        accepted_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        reminded_at timestamptz,
        outcome text,
        outcome_message_id uuid REFERENCES support_messages (id),
        closed_at timestamptz,
        closed_by uuid REFERENCES staff_users (id),
        created_by uuid NOT NULL REFERENCES staff_users (id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX support_complaints_one_open ON support_complaints (conversation_id) WHERE closed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX support_complaints_open_deadline_idx ON support_complaints (deadline) WHERE closed_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'support_complaints',
      'support_canned_replies',
      'support_messages',
      'support_conversations',
      'support_inbound_pushes',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
