import { Text } from '@tarojs/components';
import type { PolicyStatus } from '@xiaoan/shared';
import { POLICY_STATUS_META } from '../../policy-status';
import './status-badge.scss';

export function PolicyStatusBadge({ status }: { status: PolicyStatus }) {
  const meta = POLICY_STATUS_META[status];
  return (
    <Text className={`policy-status policy-status--${meta.tone}`} data-status={status}>
      {meta.label}
    </Text>
  );
}
