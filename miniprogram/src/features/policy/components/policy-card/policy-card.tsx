import { Text, View } from '@tarojs/components';
import { formatCnyShort, type ClaimSummary, type CoverSubject, type PolicySummary } from '@xiaoan/shared';
import { ClaimLink } from '../../../claim/components/claim-link/claim-link';
import { productKindUi } from '../../../../products';
import { PolicyStatusBadge } from '../status-badge/status-badge';
import './policy-card.scss';

export interface PolicyCardProps {
  policy: PolicySummary;
  onOpen: (policyNo: string) => void;
  /** The policy's claim, when there is one (at most one per policy). */
  claim?: ClaimSummary;
}

/** The card's two lines about what is covered: the route and departure, or the weather place and cover. */
function SubjectLines({ subject }: { subject: CoverSubject }) {
  const ui = productKindUi(subject.kind);
  const lines = ui.lines(subject);
  return (
    <View className={`policy-card__flight policy-card__subject policy-card__subject--${subject.kind}`}>
      <Text className="policy-card__route">
        {ui.cardIcon}
        {lines.title}
      </Text>
      <Text className="policy-card__flight-meta">{lines.detail}</Text>
    </View>
  );
}

export function PolicyCard({ policy, onOpen, claim }: PolicyCardProps) {
  const { subject } = policy;
  return (
    <View className="policy-card" data-policy-no={policy.policyNo} onClick={() => onOpen(policy.policyNo)}>
      <View className="policy-card__head">
        <Text className="policy-card__product">{policy.productName}</Text>
        <PolicyStatusBadge status={policy.status} />
      </View>
      <SubjectLines subject={subject} />
      <View className="policy-card__facts">
        <View className="policy-card__fact">
          <Text className="policy-card__fact-label">{productKindUi(subject.kind).payoutLabel}</Text>
          <Text className="policy-card__fact-value policy-card__payout">{formatCnyShort(policy.payoutFen)}</Text>
        </View>
        <View className="policy-card__fact">
          <Text className="policy-card__fact-label">被保险人</Text>
          <Text className="policy-card__fact-value">{policy.insuredNameMasked}</Text>
        </View>
        <View className="policy-card__fact">
          <Text className="policy-card__fact-label">保费</Text>
          <Text className="policy-card__fact-value">{formatCnyShort(policy.premiumFen)}</Text>
        </View>
      </View>
      <Text className="policy-card__no">保单号 {policy.policyNo}</Text>
      {claim ? <ClaimLink claim={claim} subject={subject.kind} className="policy-card__claim" /> : null}
    </View>
  );
}
