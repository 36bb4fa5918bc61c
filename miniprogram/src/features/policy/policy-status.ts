import type { PolicyStatus } from '@xiaoan/shared';

export const POLICY_STATUS_META: Record<PolicyStatus, { label: string; tone: 'active' | 'claimed' | 'muted' }> = {
  active: { label: '保障中', tone: 'active' },
  claimed: { label: '已理赔', tone: 'claimed' },
  expired: { label: '已到期', tone: 'muted' },
  cancelled: { label: '已退保', tone: 'muted' },
};
