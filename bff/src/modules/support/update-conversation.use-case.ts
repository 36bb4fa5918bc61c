import { Inject, Injectable } from '@nestjs/common';
import { csReplyVerdict, type ConversationUpdate } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { Clock } from '../../core/clock/clock.js';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { allowanceOf, ConversationRepository, type ConversationRow } from './conversation.repository.js';
import { SUPPORT_QUEUES } from './support.queues.js';

/** The chat page, where a resolved conversation offers its one-tap rating. */
export const RATING_PAGE = 'packages/support/chat/index';

/**
 * The satisfaction invitation for WeChat: a customer message with a link into the mini-program's
 * rating (WeChat's text messages may carry `<a data-miniprogram-appid data-miniprogram-path>`).
 */
export const ratingInvitationText = (appid: string): string =>
  `本次咨询已处理完毕。您对我们的服务满意吗？<a href="https://mp.weixin.qq.com" data-miniprogram-appid="${appid}" data-miniprogram-path="${RATING_PAGE}?rate=1">点此一键评价</a>`;

/**
 * Status (resolve, snooze, reopen), priority and labels. Resolving stamps the resolution time for
 * SLA and invites the user to rate it: the H5 chat page shows the prompt itself; in WeChat a
 * customer message with a link to the rating goes out — only while WeChat's window allows a reply,
 * and it uses one (past the window the user is not written to).
 */
@Injectable()
export class UpdateConversationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly conversations: ConversationRepository,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(input: {
    conversationId: string;
    staff: AuthenticatedStaff;
    update: ConversationUpdate;
  }): Promise<void> {
    const { status, snoozedUntil, priority, labels } = input.update;
    await this.uow.run(async (tx) => {
      const conversation = await this.conversations.find(input.conversationId, tx.manager, { lock: true });
      if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
      if (conversation.status === 'resolved' && status && status !== 'resolved') {
        // A user with a newer live conversation would break "one live conversation per user".
        const [live] = (await tx.manager.query(
          `SELECT 1 FROM support_conversations WHERE openid = $1 AND status <> 'resolved'`,
          [conversation.openid],
        )) as unknown[];
        if (live) throw new AppException('CONFLICT');
      }
      const now = this.clock.now();
      await tx.manager.query(
        `UPDATE support_conversations
            SET status = coalesce($2, status),
                snoozed_until = CASE WHEN $2 = 'snoozed' THEN $3::timestamptz WHEN $2 IS NULL THEN snoozed_until ELSE NULL END,
                priority = coalesce($4, priority),
                labels = coalesce($5::text[], labels),
                resolved_at = CASE WHEN $2 = 'resolved' THEN $6::timestamptz WHEN $2 IS NULL THEN resolved_at ELSE NULL END,
                resolved_by = CASE WHEN $2 = 'resolved' THEN $7::uuid WHEN $2 IS NULL THEN resolved_by ELSE NULL END,
                updated_at = now()
          WHERE id = $1`,
        [
          conversation.id,
          status ?? null,
          snoozedUntil ?? null,
          priority ?? null,
          labels ?? null,
          now,
          input.staff.staffUserId,
        ],
      );
      if (
        status === 'resolved' &&
        conversation.status !== 'resolved' &&
        conversation.rating === null &&
        conversation.rating_invited_at === null
      ) {
        await this.inviteRating(tx, conversation, now);
      }
      await this.audit.record(
        input.staff,
        {
          action: 'support_update',
          resourceType: 'conversation',
          resourceId: conversation.id,
          detail: { ...input.update },
        },
        tx.manager,
      );
    });
  }

  private async inviteRating(tx: Transaction, conversation: ConversationRow, now: Date): Promise<void> {
    if (conversation.channel === 'h5') {
      await tx.manager.query(`UPDATE support_conversations SET rating_invited_at = $2 WHERE id = $1`, [
        conversation.id,
        now,
      ]);
      return;
    }
    const verdict = csReplyVerdict(allowanceOf(conversation), now.getTime());
    if (!verdict.ok) return;
    const messageId = await this.conversations.insertOutgoing(tx.manager, {
      conversationId: conversation.id,
      direction: 'out',
      kind: 'text',
      text: ratingInvitationText(this.integrations.wechat.appid),
      authorKind: 'auto',
      staffUserId: null,
      at: now,
    });
    await tx.manager.query(
      `UPDATE support_conversations SET rating_invited_at = $2, replies_remaining = $3 WHERE id = $1`,
      [conversation.id, now, verdict.remainingAfter],
    );
    await tx.enqueue(SUPPORT_QUEUES.deliverReply, { messageId });
  }
}
