import { formatBeijingDateTime, type ClaimStatus, type OrderStatus, type PolicyStatus } from '@xiaoan/shared';

/** The words customer service uses for each state (never the code). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, { text: string; color: string }> = {
  pending_payment: { text: '待支付', color: 'orange' },
  paid: { text: '已支付', color: 'blue' },
  issued: { text: '已出单', color: 'green' },
  refunding: { text: '退款中', color: 'gold' },
  refunded: { text: '已退款', color: 'default' },
  closed: { text: '已关闭', color: 'default' },
  payment_mismatch: { text: '支付异常 · 已原路退款', color: 'red' },
};

export const POLICY_STATUS_LABELS: Record<PolicyStatus, { text: string; color: string }> = {
  active: { text: '保障中', color: 'green' },
  claimed: { text: '已理赔', color: 'blue' },
  expired: { text: '已到期', color: 'default' },
  cancelled: { text: '已退保', color: 'red' },
};

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, { text: string; color: string }> = {
  approved: { text: '已批准待领取', color: 'blue' },
  offered: { text: '红包已发放', color: 'cyan' },
  paid: { text: '已到账', color: 'green' },
  failed: { text: '领取失败', color: 'red' },
  expired: { text: '红包已过期', color: 'orange' },
  manual_review: { text: '人工审核中', color: 'purple' },
  rejected: { text: '未通过', color: 'default' },
};

export const BILL_STATE_LABELS: Record<string, string> = {
  CREATING: '待创建',
  ACCEPTED: '已受理',
  PROCESSING: '处理中',
  WAIT_USER_CONFIRM: '待客户确认',
  TRANSFERING: '转账中',
  SUCCESS: '已到账',
  FAIL: '失败',
  CANCELING: '撤销中',
  CANCELLED: '已关闭（未确认）',
};

export const REFUND_STATUS_LABELS: Record<string, string> = {
  pending: '待退款',
  processing: '退款中',
  succeeded: '已退款',
  closed: '退款关闭',
  abnormal: '退款异常（需人工处理）',
};

export const TRAIL_TYPE_LABELS: Record<string, string> = {
  page_view: '浏览页面',
  exclusions_confirmed: '确认已阅读免责条款',
  form_submitted: '提交投保信息',
  payment_started: '发起支付',
  payment_result: '支付结果',
};

/** "2026-12-04 20:31:05" in Beijing time, whatever the agent's machine is set to. */
export const beijingTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  return formatBeijingDateTime(new Date(iso));
};

export const seconds = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : `停留 ${Math.round(ms / 1000)} 秒`);
