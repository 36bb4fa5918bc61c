import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatBeijingDateTime } from '@xiaoan/shared';
import { DataSource } from 'typeorm';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { CustomerServiceMessageClient } from '../../integrations/wechat/customer-service-message.client.js';
import { SubscribeMessageClient } from '../../integrations/wechat/subscribe-message.client.js';
import { WechatApiError } from '../../integrations/wechat/wechat-api.error.js';

interface Outgoing {
  id: string;
  conversation_id: string;
  kind: 'text' | 'subscribe';
  text: string;
  openid: string;
  channel: 'wechat' | 'h5';
  created_at: Date;
}

/**
 * Sends queued replies through `custom/send` (or a fallback through `subscribe/send`). At most
 * once: the message is marked sent before the call, so a retried job never sends it twice; a
 * temporary failure puts it back to queued for the queue's retry. WeChat's 45015 (window passed)
 * and 45047 (replies used up) are final: the message is marked failed and the conversation's
 * allowance closed to match what WeChat said, so the inbox stops offering to send.
 */
@Injectable()
export class DeliverReplyUseCase {
  private readonly logger = new Logger('DeliverReply');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customerService: CustomerServiceMessageClient,
    private readonly subscribe: SubscribeMessageClient,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(messageId: string): Promise<void> {
    const [target] = (await this.dataSource.query(`SELECT conversation_id FROM support_messages WHERE id = $1`, [
      messageId,
    ])) as { conversation_id: string }[];
    if (!target) return;
    // Replies reach the user in the order agents wrote them: one delivery per conversation at a
    // time, oldest queued first. A delivery that finds another under way is retried by its queue.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 20261204)) AS locked`,
        [target.conversation_id],
      )) as { locked: boolean }[];
      if (!locked) throw new Error(`another delivery of conversation ${target.conversation_id} is under way`);
      try {
        while (await this.deliverOldest(target.conversation_id));
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 20261204))`, [target.conversation_id]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Sends the conversation's oldest queued message; false when none is left. */
  private async deliverOldest(conversationId: string): Promise<boolean> {
    const [message] = rowsOf<Outgoing>(
      await this.dataSource.query(
        `UPDATE support_messages m SET send_state = 'sent', sent_at = now()
           FROM support_conversations c
          WHERE m.id = (SELECT id FROM support_messages WHERE conversation_id = $1 AND send_state = 'queued' ORDER BY seq LIMIT 1)
            AND m.send_state = 'queued' AND c.id = m.conversation_id
         RETURNING m.id, m.conversation_id, m.kind, m.text, c.openid, c.channel, m.created_at`,
        [conversationId],
      ),
    );
    if (!message) return false;
    const messageId = message.id;
    if (message.channel === 'h5' && message.kind === 'text') {
      // The H5 chat page reads it from the conversation: marked sent is delivered.
      this.logger.log(
        { messageId, conversationId, channel: 'h5' },
        'customer-service reply delivered to the chat page',
      );
      return true;
    }
    try {
      if (message.kind === 'subscribe') {
        await this.subscribe.send({
          openid: message.openid,
          templateId: this.integrations.supportReplyTemplateId,
          page: 'packages/support/chat/index',
          data: { thing1: { value: message.text.slice(0, 20) }, time2: { value: beijingMinute(message.created_at) } },
        });
      } else {
        await this.customerService.reply(message.openid, { msgtype: 'text', text: { content: message.text } });
      }
      this.logger.log({ messageId, conversationId, kind: message.kind }, 'customer-service reply sent');
    } catch (error) {
      if (error instanceof WechatApiError && error.retryClass !== 'retry_same') {
        await this.dataSource.query(
          `UPDATE support_messages SET send_state = 'failed', error_code = $2 WHERE id = $1`,
          [messageId, error.code],
        );
        if (error.code === '45015' || error.code === '45047') {
          // WeChat's count is the truth: whatever we believed, no reply is possible until the user writes again.
          await this.dataSource.query(
            `UPDATE support_conversations SET replies_remaining = 0,
                    reply_deadline = CASE WHEN $2 THEN least(reply_deadline, $3) ELSE reply_deadline END, updated_at = now()
              WHERE id = $1`,
            [conversationId, error.code === '45015', message.created_at],
          );
        }
        this.logger.warn({ messageId, code: error.code }, 'customer-service reply refused by WeChat');
        return true;
      }
      await this.dataSource.query(`UPDATE support_messages SET send_state = 'queued', sent_at = NULL WHERE id = $1`, [
        messageId,
      ]);
      throw error;
    }
    return true;
  }
}

const beijingMinute = (at: Date): string => formatBeijingDateTime(new Date(at), 'minute');
