import { Text } from '@tarojs/components';
import type { ClaimSummary } from '@xiaoan/shared';
import { claimStatusMeta } from '../../claim-status';
import './claim-status-badge.scss';

export interface ClaimStatusBadgeProps {
  claim: Pick<ClaimSummary, 'status' | 'collectable'>;
}

export function ClaimStatusBadge({ claim }: ClaimStatusBadgeProps) {
  const meta = claimStatusMeta(claim);
  return (
    <Text className={`claim-status claim-status--${meta.tone}`} data-status={claim.status}>
      {meta.label}
    </Text>
  );
}
