import { Text, View } from '@tarojs/components';
import { formatCny, type ClaimSummary } from '@xiaoan/shared';
import { formatShanghaiDateTime } from '../../../../utils/shanghai-date';
import { collectableAmountOf, isCollectAgain } from '../../claim-status';
import { ClaimStatusBadge } from '../claim-status-badge/claim-status-badge';
import './claim-card.scss';

export interface ClaimCardProps {
  claim: ClaimSummary;
  onOpen: (claimId: string) => void;
}

export function ClaimCard({ claim, onOpen }: ClaimCardProps) {
  const amountClass = claim.collectable
    ? ' claim-card__amount--packet'
    : claim.status === 'paid'
      ? ' claim-card__amount--paid'
      : ' claim-card__amount--pending';
  const again = isCollectAgain(claim);
  return (
    <View
      className={`claim-card${claim.collectable ? ' claim-card--collectable' : ''}`}
      data-claim-id={claim.id}
      data-policy-no={claim.policyNo}
      onClick={() => onOpen(claim.id)}
    >
      <View className="claim-card__head">
        <Text className="claim-card__product">{claim.productName}</Text>
        <ClaimStatusBadge claim={claim} />
      </View>
      <View className="claim-card__body">
        <Text className="claim-card__headline">{claim.headline}</Text>
        {/* A rejected claim pays nothing: no "¥0.00". */}
        {claim.status === 'rejected' ? null : (
          <Text className={`claim-card__amount${amountClass}`}>{formatCny(claim.amountFen)}</Text>
        )}
      </View>
      {claim.paidFen > 0 && claim.status !== 'rejected' ? (
        <Text className="claim-card__paid">
          已领取 {formatCny(claim.paidFen)}
          {again ? ` · 新增 ${formatCny(collectableAmountOf(claim))} 待领取` : ''}
        </Text>
      ) : null}
      <Text className="claim-card__meta">
        {claim.paidAt
          ? `${formatShanghaiDateTime(claim.paidAt)} 到账`
          : `${formatShanghaiDateTime(claim.createdAt)} 立案`}{' '}
        · 保单号 {claim.policyNo}
      </Text>
      {claim.collectable ? (
        <View className="claim-card__cta">
          <Text className="claim-card__cta-icon">🧧</Text>
          <Text className="claim-card__cta-text">
            {again ? `新增 ${formatCny(collectableAmountOf(claim))} 待领取，点击再领` : '赔款红包待领取，点击拆开'}
          </Text>
          <Text className="claim-card__cta-chevron">›</Text>
        </View>
      ) : null}
    </View>
  );
}
