import type { CannedReply, Complaint, ConversationDetail, InboxResponse, SupportContext } from '@xiaoan/shared';
import { apiClient, STAFF_API } from '../../api/api-client.js';

/** The inbox's calls to the BFF (`/api/v1/staff/support/...`). */
export const supportApi = {
  inbox: (view: 'unassigned' | 'mine' | 'all') =>
    apiClient.request<InboxResponse>(`${STAFF_API}/support/conversations`, { query: { view, limit: 100 } }),
  detail: (id: string) => apiClient.request<ConversationDetail>(`${STAFF_API}/support/conversations/${id}`),
  context: (id: string) => apiClient.request<SupportContext>(`${STAFF_API}/support/conversations/${id}/context`),
  take: (id: string) =>
    apiClient.request<void>(`${STAFF_API}/support/conversations/${id}/assign`, { method: 'POST', body: {} }),
  reply: (id: string, body: { text: string } | { cannedReplyId: string; claimId?: string }) =>
    apiClient.request<{ messageId: string; text: string }>(`${STAFF_API}/support/conversations/${id}/replies`, {
      method: 'POST',
      body,
    }),
  note: (id: string, text: string) =>
    apiClient.request<{ messageId: string }>(`${STAFF_API}/support/conversations/${id}/notes`, {
      method: 'POST',
      body: { text },
    }),
  fallback: (id: string, text: string) =>
    apiClient.request<{ messageId: string }>(`${STAFF_API}/support/conversations/${id}/fallback`, {
      method: 'POST',
      body: { text },
    }),
  resolve: (id: string) =>
    apiClient.request<void>(`${STAFF_API}/support/conversations/${id}`, {
      method: 'PATCH',
      body: { status: 'resolved' },
    }),
  complain: (id: string, summary: string, complex: boolean) =>
    apiClient.request<{ complaintId: string }>(`${STAFF_API}/support/conversations/${id}/complaint`, {
      method: 'POST',
      body: { summary, complex },
    }),
  cannedReplies: () => apiClient.request<{ items: CannedReply[] }>(`${STAFF_API}/support/canned-replies`),
  sla: (days: number) => apiClient.request<SlaFigures>(`${STAFF_API}/support/sla`, { query: { days } }),
  complaints: (state: string) =>
    apiClient.request<{ items: Complaint[] }>(`${STAFF_API}/support/complaints`, { query: { state } }),
};

/** `GET /api/v1/staff/support/sla`: first response, resolution and satisfaction. */
export interface SlaFigures {
  from: string;
  conversations: number;
  firstResponseP50Seconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionP50Seconds: number | null;
  averageRating: number | null;
  perConversation: {
    conversationId: string;
    createdAt: string;
    preview: string;
    channel: string;
    agent: string | null;
    firstResponseSeconds: number | null;
    resolutionSeconds: number | null;
    rating: number | null;
  }[];
  perAgent: {
    staffUserId: string;
    displayName: string;
    conversations: number;
    firstResponseAvgSeconds: number | null;
    resolutionAvgSeconds: number | null;
    averageRating: number | null;
    ratings: number;
  }[];
}

/** "47:59:30" — what is left of WeChat's reply window. */
export const formatCountdown = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
};

export const fen = (amountFen: number): string => `¥${(amountFen / 100).toFixed(2)}`;

export const CONVERSATION_STATUS_LABELS: Record<string, string> = {
  open: '待处理',
  pending: '等待用户',
  resolved: '已解决',
  snoozed: '稍后处理',
};
export const CLAIM_STATUS_LABELS: Record<string, string> = {
  approved: '已批准',
  offered: '红包待领取',
  paid: '已到账',
  failed: '领取失败',
  expired: '红包已过期',
  manual_review: '人工审核中',
  rejected: '未通过',
};
