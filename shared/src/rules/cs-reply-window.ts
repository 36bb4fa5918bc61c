/**
 * WeChat's customer-service reply allowance (wechat.md §7; 客服消息下发条件): a user action opens
 * (or widens) a window in which `custom/send` may reply a limited number of times.
 *
 * | user action                          | replies | window |
 * |--------------------------------------|---------|--------|
 * | sends a message                      | 5       | 48 h   |
 * | enters the chat (open-type=contact)  | 2       | 1 min  |
 *
 * Allowances do not add up: after an action the remaining count becomes the larger of what was
 * left and the action's limit, and the deadline the later of the two. Outside the window WeChat
 * answers 45015; past the count 45047.
 */
export type CsUserAction = 'message' | 'enter';

export const CS_REPLY_RULES: Record<CsUserAction, { replies: number; windowMs: number }> = {
  message: { replies: 5, windowMs: 48 * 3600_000 },
  enter: { replies: 2, windowMs: 60_000 },
};

export interface CsReplyAllowance {
  /** Epoch ms after which WeChat refuses replies; null before the user ever wrote. */
  deadlineMs: number | null;
  /** Replies left before the deadline. */
  remaining: number;
}

export const NO_CS_ALLOWANCE: CsReplyAllowance = { deadlineMs: null, remaining: 0 };

const isOpen = (allowance: CsReplyAllowance, nowMs: number): boolean =>
  allowance.deadlineMs !== null && nowMs <= allowance.deadlineMs;

/** The allowance after the user did `action` at `atMs`. */
export const afterUserAction = (current: CsReplyAllowance, action: CsUserAction, atMs: number): CsReplyAllowance => {
  const rule = CS_REPLY_RULES[action];
  // A message always resets the count to 5 (the 48 h rule dominates every other action).
  const stillOpen = isOpen(current, atMs);
  return {
    deadlineMs: Math.max(stillOpen ? current.deadlineMs! : 0, atMs + rule.windowMs),
    remaining: Math.max(stillOpen ? current.remaining : 0, rule.replies),
  };
};

export type CsReplyVerdict =
  { ok: true; remainingAfter: number } | { ok: false; reason: 'window_closed' | 'quota_used' };

/** Whether WeChat would take one more reply now. */
export const csReplyVerdict = (allowance: CsReplyAllowance, nowMs: number): CsReplyVerdict => {
  if (!isOpen(allowance, nowMs)) return { ok: false, reason: 'window_closed' };
  if (allowance.remaining <= 0) return { ok: false, reason: 'quota_used' };
  return { ok: true, remainingAfter: allowance.remaining - 1 };
};

/** Seconds left in the window (0 once closed) — the inbox's countdown. */
export const csWindowSecondsLeft = (allowance: CsReplyAllowance, nowMs: number): number =>
  isOpen(allowance, nowMs) ? Math.floor((allowance.deadlineMs! - nowMs) / 1000) : 0;
