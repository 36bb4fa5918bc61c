import { Injectable, Logger } from '@nestjs/common';
import { afterUserAction, csReplyVerdict } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { ClaimAnswerQueries } from './claim-answer.queries.js';
import { allowanceOf, ConversationRepository } from './conversation.repository.js';
import { isClaimQuestion } from './domain/claim-question.js';
import { parsePushedMessage, previewOf } from './domain/cs-push-message.js';
import { SUPPORT_QUEUES } from './support.queues.js';

/**
 * A stored push becomes a conversation message (one transaction): the user's live conversation is
 * found or opened, WeChat's reply allowance is widened as WeChat widens it, and a claim question is
 * answered at once while no agent has replied yet (the answer uses one of the replies).
 */
@Injectable()
export class IngestCsMessageUseCase {
  private readonly logger = new Logger('IngestCsMessage');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly answers: ClaimAnswerQueries,
    private readonly clock: Clock,
  ) {}

  async execute(dedupeKey: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [push] = (await tx.manager.query(
        `SELECT payload, mode FROM support_inbound_pushes WHERE dedupe_key = $1 AND processed_at IS NULL FOR UPDATE`,
        [dedupeKey],
      )) as { payload: unknown; mode: 'plain' | 'safe' | 'h5' }[];
      if (!push) return;
      await tx.manager.query(`UPDATE support_inbound_pushes SET processed_at = now() WHERE dedupe_key = $1`, [
        dedupeKey,
      ]);
      const message = parsePushedMessage(push.payload);
      if (!message) return;
      const { content, openid, createdAt, sessionFrom } = message;
      // Replies go where the user last wrote from (ADR 0014): the H5 chat page, or WeChat.
      const channel = push.mode === 'h5' ? 'h5' : 'wechat';
      const [customer] = (await tx.manager.query(`SELECT id FROM customers WHERE openid = $1`, [openid])) as {
        id: string;
      }[];
      await tx.manager.query(
        `INSERT INTO support_conversations (openid, customer_id, last_message_at, created_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (openid) WHERE status <> 'resolved' DO NOTHING`,
        [openid, customer?.id ?? null, createdAt],
      );
      const [{ id: conversationId } = { id: '' }] = (await tx.manager.query(
        `SELECT id FROM support_conversations WHERE openid = $1 AND status <> 'resolved' FOR UPDATE`,
        [openid],
      )) as { id: string }[];
      const conversation = (await this.conversations.find(conversationId, tx.manager))!;

      const entering = content.type === 'enter';
      // WeChat's allowance is kept up to date whatever the channel: the user may write from WeChat next.
      const allowance =
        channel === 'h5'
          ? allowanceOf(conversation)
          : afterUserAction(allowanceOf(conversation), entering ? 'enter' : 'message', createdAt.getTime());
      await tx.manager.query(
        `INSERT INTO support_messages (conversation_id, direction, kind, text, media_id, card, wx_msg_id, raw, author_kind, created_at)
         VALUES ($1, 'in', $2, $3, $4, $5, $6, $7, 'user', $8) ON CONFLICT (wx_msg_id) DO NOTHING`,
        [
          conversationId,
          content.type === 'enter' ? 'event' : content.type === 'other' ? 'event' : content.type,
          content.type === 'text' ? content.text : content.type === 'enter' ? content.sessionFrom || null : null,
          content.type === 'image' ? content.mediaId : null,
          content.type === 'miniprogrampage'
            ? JSON.stringify({ title: content.title, pagePath: content.pagePath })
            : null,
          dedupeKey,
          JSON.stringify(push.payload),
          createdAt,
        ],
      );
      await tx.manager.query(
        `UPDATE support_conversations
            SET customer_id = coalesce(customer_id, $2),
                reply_deadline = $3, replies_remaining = $4,
                session_from = CASE WHEN $5::text <> '' THEN $5 ELSE session_from END,
                channel = CASE WHEN $6 THEN channel ELSE $9 END,
                status = CASE WHEN $6 THEN status ELSE 'open' END,
                snoozed_until = CASE WHEN $6 THEN snoozed_until ELSE NULL END,
                waiting_since = CASE WHEN $6 THEN waiting_since ELSE coalesce(waiting_since, $7) END,
                last_message_at = greatest(last_message_at, $7), preview = $8, updated_at = now()
          WHERE id = $1`,
        [
          conversationId,
          customer?.id ?? null,
          allowance.deadlineMs === null ? null : new Date(allowance.deadlineMs),
          allowance.remaining,
          content.type === 'enter' ? content.sessionFrom : sessionFrom,
          entering,
          createdAt,
          previewOf(content),
          channel,
        ],
      );
      // Per message at debug only: the job logs one line per batch of pushes (SupportJobs).
      this.logger.debug({ conversationId, kind: content.type }, 'customer-service message received');

      const customerId = conversation.customer_id ?? customer?.id;
      if (content.type !== 'text' || !conversation.auto_reply_enabled || !customerId || !isClaimQuestion(content.text))
        return;
      const verdict =
        channel === 'h5'
          ? { ok: true as const, remainingAfter: allowance.remaining }
          : csReplyVerdict(allowance, this.clock.now().getTime());
      if (!verdict.ok) return;
      // The number the 联系客服 entry carried says which claim "为什么没赔" is about.
      const hint = sessionFrom || conversation.session_from || '';
      const answer = await this.answers.answerFor(customerId, hint ? `${content.text} ${hint}` : content.text);
      if (!answer) return;
      const messageId = await this.conversations.insertOutgoing(tx.manager, {
        conversationId,
        direction: 'out',
        kind: 'text',
        text: answer,
        authorKind: 'auto',
        staffUserId: null,
        // Just after the question, so the thread reads question → answer.
        at: new Date(Math.max(this.clock.now().getTime(), createdAt.getTime() + 1)),
      });
      await tx.manager.query(`UPDATE support_conversations SET replies_remaining = $2 WHERE id = $1`, [
        conversationId,
        verdict.remainingAfter,
      ]);
      await tx.enqueue(SUPPORT_QUEUES.deliverReply, { messageId });
      this.logger.log({ conversationId, messageId }, 'claim question answered automatically');
    });
  }
}
