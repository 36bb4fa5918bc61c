import {
  csReplyVerdict,
  csWindowSecondsLeft,
  type ConversationSummary,
  type ReplyWindow,
  type SupportMessage,
} from '@xiaoan/shared';
import { allowanceOf, type ConversationRow, type MessageRow } from '../conversation.repository.js';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** openid shown to agents: enough to tell two users apart, not enough to reuse. */
export const maskOpenid = (openid: string): string =>
  openid.length <= 8 ? '****' : `${openid.slice(0, 4)}****${openid.slice(-4)}`;

export const replyWindowOf = (row: ConversationRow, now: Date): ReplyWindow => {
  // The H5 chat page reads replies itself: WeChat's window and quota do not apply.
  if (row.channel === 'h5')
    return { open: true, deadline: null, secondsLeft: 0, remaining: 0, fallbackAvailable: false };
  const allowance = allowanceOf(row);
  const secondsLeft = csWindowSecondsLeft(allowance, now.getTime());
  const open =
    csReplyVerdict(allowance, now.getTime()).ok ||
    (allowance.deadlineMs !== null && now.getTime() <= allowance.deadlineMs);
  return {
    open,
    deadline: iso(row.reply_deadline),
    secondsLeft,
    remaining: open ? allowance.remaining : 0,
    fallbackAvailable: !open && row.fallback_available,
  };
};

export const toConversationSummary = (row: ConversationRow, now: Date): ConversationSummary => ({
  id: row.id,
  customerId: row.customer_id,
  openidMasked: maskOpenid(row.openid),
  status: row.status,
  priority: row.priority,
  assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
  labels: row.labels,
  waitingSince: iso(row.waiting_since),
  lastMessageAt: iso(row.last_message_at)!,
  preview: row.preview,
  sessionFrom: row.session_from,
  channel: row.channel,
  replyWindow: replyWindowOf(row, now),
  hasOpenComplaint: row.has_open_complaint,
});

export const toSupportMessage = (row: MessageRow): SupportMessage => ({
  id: row.id,
  direction: row.direction,
  kind: row.kind,
  text: row.text,
  mediaId: row.media_id,
  card: row.card ? { title: row.card.title, pagePath: row.card.pagePath } : null,
  author: row.author_kind === 'user' ? null : row.author_name,
  sendState: row.send_state,
  errorCode: row.error_code,
  createdAt: iso(row.created_at)!,
});
