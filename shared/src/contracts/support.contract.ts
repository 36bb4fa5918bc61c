import { z } from 'zod';
import { claimDetailSchema } from './claim.contract.js';

/** Customer service (issue 11): conversations from WeChat's 消息推送, the staff inbox, complaints. */
export const conversationStatusSchema = z.enum(['open', 'pending', 'resolved', 'snoozed']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;
/**
 * Where the user wrote from, and so where replies go: `wechat` (WeChat's 消息推送; replies through
 * custom/send, inside WeChat's window and quota) or `h5` (the H5 chat page; replies are read by
 * the page, no WeChat limit). A conversation takes the channel of the user's latest message.
 */
export const conversationChannelSchema = z.enum(['wechat', 'h5']);
export type ConversationChannel = z.infer<typeof conversationChannelSchema>;
export const conversationPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type ConversationPriority = z.infer<typeof conversationPrioritySchema>;

export const supportMessageSchema = z.object({
  id: z.string(),
  /** in: from the user; out: a reply sent to the user; note: internal, never sent. */
  direction: z.enum(['in', 'out', 'note']),
  kind: z.enum(['text', 'image', 'miniprogrampage', 'event', 'subscribe']),
  text: z.string().nullable(),
  mediaId: z.string().nullable(),
  card: z.object({ title: z.string(), pagePath: z.string() }).nullable(),
  /** Who wrote it: the agent's name, 自动回复, or null for the user. */
  author: z.string().nullable(),
  /** For replies: queued → sent, or failed with WeChat's errcode. */
  sendState: z.enum(['queued', 'sent', 'failed']).nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type SupportMessage = z.infer<typeof supportMessageSchema>;

export const replyWindowSchema = z.object({
  open: z.boolean(),
  deadline: z.iso.datetime({ offset: true }).nullable(),
  secondsLeft: z.number().int(),
  remaining: z.number().int(),
  /** Past the window: a subscribe message the user consented to can still reach them. */
  fallbackAvailable: z.boolean(),
});
export type ReplyWindow = z.infer<typeof replyWindowSchema>;

export const conversationSummarySchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  openidMasked: z.string(),
  status: conversationStatusSchema,
  priority: conversationPrioritySchema,
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  labels: z.array(z.string()),
  waitingSince: z.iso.datetime({ offset: true }).nullable(),
  lastMessageAt: z.iso.datetime({ offset: true }),
  preview: z.string(),
  sessionFrom: z.string().nullable(),
  channel: conversationChannelSchema,
  replyWindow: replyWindowSchema,
  hasOpenComplaint: z.boolean(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationDetailSchema = conversationSummarySchema.extend({
  messages: z.array(supportMessageSchema),
  autoReplyEnabled: z.boolean(),
  firstResponseAt: z.iso.datetime({ offset: true }).nullable(),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  rating: z.number().int().nullable(),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const inboxQuerySchema = z.object({
  view: z.enum(['unassigned', 'mine', 'all']).default('all'),
  status: conversationStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;
export const inboxResponseSchema = z.object({ items: z.array(conversationSummarySchema) });
export type InboxResponse = z.infer<typeof inboxResponseSchema>;

export const replyRequestSchema = z.union([
  z.object({ text: z.string().trim().min(1).max(1000) }).strict(),
  z.object({ cannedReplyId: z.uuid(), claimId: z.uuid().optional() }).strict(),
]);
export type ReplyRequest = z.infer<typeof replyRequestSchema>;
export const noteRequestSchema = z.object({ text: z.string().trim().min(1).max(2000) });
export const assignRequestSchema = z.object({ staffUserId: z.uuid().optional() });
export const conversationUpdateSchema = z
  .object({
    status: conversationStatusSchema.optional(),
    snoozedUntil: z.iso.datetime({ offset: true }).optional(),
    priority: conversationPrioritySchema.optional(),
    labels: z.array(z.string().trim().min(1).max(24)).max(10).optional(),
  })
  .refine((value) => value.status !== 'snoozed' || value.snoozedUntil, {
    message: '稍后处理需要指定时间',
    path: ['snoozedUntil'],
  });
export type ConversationUpdate = z.infer<typeof conversationUpdateSchema>;
export const fallbackRequestSchema = z.object({ text: z.string().trim().min(1).max(20) });

export const cannedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** The `{{variables}}` the body uses: claimNo, policyNo, delayMinutes, payoutAmount, claimStatus. */
  variables: z.array(z.string()),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;
export const cannedReplyListSchema = z.object({ items: z.array(cannedReplySchema) });
export const cannedReplyCreateSchema = z.object({
  title: z.string().trim().min(1).max(32),
  body: z.string().trim().min(1).max(600),
});

/** The context panel: what the customer holds with us. */
export const supportContextSchema = z.object({
  customerId: z.string().nullable(),
  policies: z.array(
    z.object({
      id: z.string(),
      policyNo: z.string(),
      productName: z.string(),
      status: z.string(),
      premiumFen: z.number().int(),
      payoutFen: z.number().int(),
      issuedAt: z.string(),
    }),
  ),
  claims: z.array(claimDetailSchema),
  payoutBills: z.array(
    z.object({
      outBillNo: z.string(),
      claimNo: z.string(),
      state: z.string(),
      amountFen: z.number().int(),
      createdAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
  orders: z.array(
    z.object({ orderNo: z.string(), status: z.string(), amountFen: z.number().int(), createdAt: z.string() }),
  ),
});
export type SupportContext = z.infer<typeof supportContextSchema>;

export const complaintSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  summary: z.string(),
  track: z.enum(['standard', 'complex', 'extended']),
  acceptedAt: z.string(),
  deadline: z.string(),
  clock: z.enum(['on_time', 'due_soon', 'overdue', 'closed']),
  daysLeft: z.number().int(),
  extensionReason: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeSentState: z.enum(['queued', 'sent', 'failed', 'not_sent']).nullable(),
  closedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
});
export type Complaint = z.infer<typeof complaintSchema>;
export const complaintCreateSchema = z.object({
  summary: z.string().trim().min(2).max(500),
  complex: z.boolean().default(false),
});
export const complaintExtendSchema = z.object({ reason: z.string().trim().min(2).max(500) });
export const complaintOutcomeSchema = z.object({ outcome: z.string().trim().min(2).max(600) });
export const complaintListQuerySchema = z.object({
  state: z.enum(['open', 'overdue', 'due_soon', 'closed', 'all']).default('open'),
});
export const complaintListSchema = z.object({ items: z.array(complaintSchema) });
export const complaintReminderListSchema = z.object({
  items: z.array(
    z.object({
      complaintId: z.string(),
      conversationId: z.string(),
      deadline: z.string(),
      remindedAt: z.string(),
      summary: z.string(),
    }),
  ),
});

/** The customer's own view (H5 chat page, 我的 → 联系客服). */
export const customerConversationSchema = z.object({
  conversationId: z.string().nullable(),
  status: conversationStatusSchema.nullable(),
  messages: z.array(supportMessageSchema),
  canRate: z.boolean(),
  /** The score the user gave this conversation, once rated. */
  rating: z.number().int().nullable().optional(),
});
export type CustomerConversation = z.infer<typeof customerConversationSchema>;
export const customerMessageRequestSchema = z.object({
  text: z.string().trim().min(1).max(500),
  /** What the 联系客服 button carried (policy or claim number). */
  sessionFrom: z.string().trim().max(64).optional(),
});
/** `POST /api/v1/support/messages`: stored like a WeChat push (the job makes it a conversation message). */
export const customerMessageAcceptedSchema = z.object({ messageKey: z.string() });
export type CustomerMessageAccepted = z.infer<typeof customerMessageAcceptedSchema>;

export const ratingRequestSchema = z.object({ score: z.number().int().min(1).max(5) });
