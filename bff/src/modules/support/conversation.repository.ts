import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ConversationChannel,
  ConversationPriority,
  ConversationStatus,
  CsReplyAllowance,
  SupportMessage,
} from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';

export interface ConversationRow {
  id: string;
  openid: string;
  customer_id: string | null;
  status: ConversationStatus;
  priority: ConversationPriority;
  assignee_id: string | null;
  assignee_name: string | null;
  labels: string[];
  waiting_since: Date | null;
  snoozed_until: Date | null;
  session_from: string | null;
  channel: ConversationChannel;
  rating_invited_at: Date | null;
  reply_deadline: Date | null;
  replies_remaining: number;
  auto_reply_enabled: boolean;
  first_response_at: Date | null;
  resolved_at: Date | null;
  rating: number | null;
  last_message_at: Date;
  preview: string;
  created_at: Date;
  has_open_complaint: boolean;
  fallback_available: boolean;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out' | 'note';
  kind: SupportMessage['kind'];
  text: string | null;
  media_id: string | null;
  card: { title: string; pagePath: string } | null;
  author_kind: 'user' | 'staff' | 'auto';
  author_name: string | null;
  send_state: 'queued' | 'sent' | 'failed' | null;
  error_code: string | null;
  created_at: Date;
}

/** `$1` is the support template id (the fallback's consent). */
const CONVERSATION_SELECT = `
  SELECT c.id, c.openid, c.customer_id, c.status, c.priority, c.assignee_id, u.display_name AS assignee_name, c.labels,
         c.waiting_since, c.snoozed_until, c.session_from, c.channel, c.rating_invited_at, c.reply_deadline, c.replies_remaining, c.auto_reply_enabled,
         c.first_response_at, c.resolved_at, c.rating, c.last_message_at, c.preview, c.created_at,
         EXISTS (SELECT 1 FROM support_complaints k WHERE k.conversation_id = c.id AND k.closed_at IS NULL) AS has_open_complaint,
         EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer_id = c.customer_id AND s.template_id = $1 AND s.accepted_count > 0) AS fallback_available
    FROM support_conversations c LEFT JOIN staff_users u ON u.id = c.assignee_id`;

export const allowanceOf = (row: Pick<ConversationRow, 'reply_deadline' | 'replies_remaining'>): CsReplyAllowance => ({
  deadlineMs: row.reply_deadline ? new Date(row.reply_deadline).getTime() : null,
  remaining: row.replies_remaining,
});

/** Conversations and their messages: the SQL of the inbox, in one place. */
@Injectable()
export class ConversationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  private get templateId(): string {
    return this.integrations.supportReplyTemplateId;
  }

  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    options: { lock?: boolean } = {},
  ): Promise<ConversationRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    if (options.lock) await manager.query(`SELECT id FROM support_conversations WHERE id = $1 FOR UPDATE`, [id]);
    const rows = (await manager.query(`${CONVERSATION_SELECT} WHERE c.id = $2`, [
      this.templateId,
      id,
    ])) as ConversationRow[];
    return rows[0];
  }

  async inbox(input: {
    view: 'unassigned' | 'mine' | 'all';
    status?: ConversationStatus;
    staffUserId: string;
    limit: number;
  }): Promise<ConversationRow[]> {
    const where: string[] = [];
    const params: unknown[] = [this.templateId];
    if (input.status) {
      params.push(input.status);
      where.push(`c.status = $${params.length}`);
    } else {
      where.push(`c.status <> 'resolved'`);
    }
    if (input.view === 'unassigned') where.push('c.assignee_id IS NULL');
    if (input.view === 'mine') {
      params.push(input.staffUserId);
      where.push(`c.assignee_id = $${params.length}`);
    }
    params.push(input.limit);
    // Longest-waiting first: that is whom WeChat's window runs out on first.
    return (await this.dataSource.query(
      `${CONVERSATION_SELECT} WHERE ${where.join(' AND ')}
        ORDER BY c.waiting_since ASC NULLS LAST, c.last_message_at DESC LIMIT $${params.length}`,
      params,
    )) as ConversationRow[];
  }

  async liveFor(openid: string): Promise<ConversationRow | undefined> {
    const rows = (await this.dataSource.query(
      `${CONVERSATION_SELECT} WHERE c.openid = $2 ORDER BY c.created_at DESC LIMIT 1`,
      [this.templateId, openid],
    )) as ConversationRow[];
    return rows[0];
  }

  async messages(conversationId: string, options: { includeNotes: boolean }): Promise<MessageRow[]> {
    return (await this.dataSource.query(
      `SELECT m.id, m.conversation_id, m.direction, m.kind, m.text, m.media_id, m.card, m.author_kind,
              CASE WHEN m.author_kind = 'auto' THEN '自动回复' ELSE u.display_name END AS author_name,
              m.send_state, m.error_code, m.created_at
         FROM support_messages m LEFT JOIN staff_users u ON u.id = m.author_staff_id
        WHERE m.conversation_id = $1 ${options.includeNotes ? '' : `AND m.direction <> 'note'`}
        ORDER BY m.seq`,
      [conversationId],
    )) as MessageRow[];
  }

  /** A reply or note; replies start `queued` and a job delivers them. */
  async insertOutgoing(
    manager: EntityManager,
    input: {
      conversationId: string;
      direction: 'out' | 'note';
      kind: 'text' | 'subscribe';
      text: string;
      authorKind: 'staff' | 'auto';
      staffUserId: string | null;
      at: Date;
    },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO support_messages (conversation_id, direction, kind, text, author_kind, author_staff_id, send_state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        input.conversationId,
        input.direction,
        input.kind,
        input.text,
        input.authorKind,
        input.staffUserId,
        input.direction === 'out' ? 'queued' : null,
        input.at,
      ],
    )) as { id: string }[];
    return row!.id;
  }
}
