import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
  created_at: Date;
}

/**
 * Sends one queued reply through `custom/send` (or a fallback through `subscribe/send`). At most
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
    const [message] = rowsOf<Outgoing>(
      await this.dataSource.query(
        `UPDATE support_messages m SET send_state = 'sent', sent_at = now()
           FROM support_conversations c
          WHERE m.id = $1 AND m.send_state = 'queued' AND c.id = m.conversation_id
         RETURNING m.id, m.conversation_id, m.kind, m.text, c.openid, m.created_at`,
        [messageId],
      ),
    );
    if (!message) return;
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
      this.logger.log({ messageId, conversationId: message.conversation_id, kind: message.kind }, 'customer-service reply sent');
    } catch (error) {
      if (error instanceof WechatApiError && error.retryClass !== 'retry_same') {
        await this.dataSource.query(`UPDATE support_messages SET send_state = 'failed', error_code = $2 WHERE id = $1`, [messageId, error.code]);
        if (error.code === '45015' || error.code === '45047') {
          // WeChat's count is the truth: whatever we believed, no reply is possible until the user writes again.
          await this.dataSource.query(
            `UPDATE support_conversations SET replies_remaining = 0,
                    reply_deadline = CASE WHEN $2 THEN least(reply_deadline, $3) ELSE reply_deadline END, updated_at = now()
              WHERE id = $1`,
            [message.conversation_id, error.code === '45015', message.created_at],
          );
        }
        this.logger.warn({ messageId, code: error.code }, 'customer-service reply refused by WeChat');
        return;
      }
      await this.dataSource.query(`UPDATE support_messages SET send_state = 'queued', sent_at = NULL WHERE id = $1`, [messageId]);
      throw error;
    }
  }
}

const beijingMinute = (at: Date): string => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
