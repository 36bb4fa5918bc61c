import {
  formatBeijingDateTime,
  salesPageOf,
  type ClaimStatus,
  type OrderStatus,
  type PolicyStatus,
} from '@xiaoan/shared';

/**
 * The console's one map from states and codes to the words staff read (never the code): the
 * customer page, the replay, manual claims, the dashboard and the audit log all take their labels here.
 */
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
  ABANDONED: '已作废（未发出）',
};

/** A transfer bill's WeChat state in words; an unknown state is shown as 其他状态 with its code. */
export const billStateLabel = (state: string): string => BILL_STATE_LABELS[state] ?? `其他状态（${state}）`;

/** What an audit row is about. */
export const AUDIT_RESOURCE_LABELS: Record<string, string> = {
  customer: '客户',
  order: '订单',
  policy: '保单',
  claim: '理赔',
  payout_bill: '转账单',
  weather_flag: '气象更正',
  dashboard: '运营看板',
  product_version: '产品版本',
  staff_user: '员工账号',
  route: '接口',
  route_stop_sale: '航线停售',
  conversation: '客服会话',
  canned_reply: '快捷回复',
  complaint: '投诉工单',
  campaign: '营销活动',
  campaign_reward: '活动奖励',
};

export const auditResourceLabel = (type: string): string => AUDIT_RESOURCE_LABELS[type] ?? type;

/** A sales-trail page by its name (产品页, 填写投保信息, …), never its code. */
export const salesPageName = (page: string): string => salesPageOf(page).name;

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

export const seconds = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '' : `停留 ${Math.round(ms / 1000)} 秒`;
