import { Text, View } from '@tarojs/components';
import { formatCnyShort, type ClaimSummary, type PolicySummary } from '@xiaoan/shared';
import { ClaimLink } from '../../../claim/components/claim-link/claim-link';
import { describeWeatherSubject, payoutLabelOf } from '../../../weather/weather-subject';
import { formatLocalDate, formatShanghaiTime } from '../../../../utils/shanghai-date';
import { PolicyStatusBadge } from '../status-badge/status-badge';
import './policy-card.scss';

export interface PolicyCardProps {
  policy: PolicySummary;
  onOpen: (policyNo: string) => void;
  /** The policy's claim, when there is one (at most one per policy). */
  claim?: ClaimSummary;
}

export function PolicyCard({ policy, onOpen, claim }: PolicyCardProps) {
  const { flight, weather } = policy;
  const subject = weather ? describeWeatherSubject(weather) : null;
  return (
    <View className="policy-card" data-policy-no={policy.policyNo} onClick={() => onOpen(policy.policyNo)}>
      <View className="policy-card__head">
        <Text className="policy-card__product">{policy.productName}</Text>
        <PolicyStatusBadge status={policy.status} />
      </View>
      {flight ? (
        <View className="policy-card__flight">
          <Text className="policy-card__route">
            {flight.origin.city} → {flight.destination.city}
          </Text>
          <Text className="policy-card__flight-meta">
            {flight.flightNo} · {formatLocalDate(flight.flightDate)} {formatShanghaiTime(flight.scheduledDeparture)}{' '}
            起飞
          </Text>
        </View>
      ) : null}
      {subject && weather ? (
        <View className={`policy-card__flight policy-card__subject policy-card__subject--${weather.kind}`}>
          <Text className="policy-card__route">
            {weather.kind === 'heat' ? '☀️ ' : '🌧️ '}
            {subject.title}
          </Text>
          <Text className="policy-card__flight-meta">{subject.detail}</Text>
        </View>
      ) : null}
      <View className="policy-card__facts">
        <View className="policy-card__fact">
          <Text className="policy-card__fact-label">{payoutLabelOf(weather)}</Text>
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
      {claim ? <ClaimLink claim={claim} subject={weather?.kind ?? 'flight'} className="policy-card__claim" /> : null}
    </View>
  );
}
