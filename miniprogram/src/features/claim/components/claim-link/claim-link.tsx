import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCny, type ClaimSummary, type CoverSubjectKind } from '@xiaoan/shared';
import { productKindUi } from '../../../../products';
import { claimDetailUrl } from '../../../../routes';
import { collectableAmountOf } from '../../claim-status';
import { ClaimStatusBadge } from '../claim-status-badge/claim-status-badge';
import './claim-link.scss';

export interface ClaimLinkProps {
  claim: ClaimSummary;
  /** What the policy covers, for the words of a waiting red packet. */
  subject: CoverSubjectKind;
  className?: string;
}

/** A policy's claim, one tap away: on the policy card and the policy detail. */
export function ClaimLink({ claim, subject, className }: ClaimLinkProps) {
  const open = (event?: { stopPropagation?: () => void }) => {
    // Inside a policy card, whose own tap opens the policy.
    event?.stopPropagation?.();
    void Taro.navigateTo({ url: claimDetailUrl(claim.id) });
  };
  return (
    <View
      className={`claim-link${claim.collectable ? ' claim-link--collectable' : ''}${className ? ` ${className}` : ''}`}
      data-claim-id={claim.id}
      onClick={open}
    >
      <Text className="claim-link__icon">{claim.collectable ? '🧧' : claim.status === 'paid' ? '✓' : '⏱'}</Text>
      <View className="claim-link__text">
        <Text className="claim-link__title">
          {claim.collectable ? productKindUi(subject).waitingClaimTitle : claim.headline}
        </Text>
        <Text className="claim-link__amount">
          {claim.collectable
            ? `${formatCny(collectableAmountOf(claim))} · 拆红包领取`
            : `${formatCny(claim.amountFen)} · 查看理赔`}
        </Text>
      </View>
      <ClaimStatusBadge claim={claim} />
      <Text className="claim-link__chevron">›</Text>
    </View>
  );
}
