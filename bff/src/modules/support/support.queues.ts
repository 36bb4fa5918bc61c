/** pg-boss queues of the support module. */
export const SUPPORT_QUEUES = {
  /** One job per distinct 消息推送 push: store it as a conversation message (and answer claim questions). */
  ingestPush: 'support.ingest-push',
  /** One job per group-committed batch of pushes (the ack path stores them together): each becomes a message in turn. */
  ingestPushes: 'support.ingest-pushes',
  /** One job per reply or subscribe-message fallback: the call to WeChat. */
  deliverReply: 'support.deliver-reply',
  /** Hourly: reminders for complaints near their regulatory deadline. */
  complaintSweep: 'support.complaint-sweep',
} as const;
