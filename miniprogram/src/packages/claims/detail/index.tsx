import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, type ClaimDetail } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { fetchClaim } from '../../../features/claim/api/claim.api';
import { claimStatusMeta, isRecollect } from '../../../features/claim/claim-status';
import { ClaimEvidence } from '../../../features/claim/components/claim-evidence/claim-evidence';
import { ClaimStatusBadge } from '../../../features/claim/components/claim-status-badge/claim-status-badge';
import { ClaimTimeline } from '../../../features/claim/components/claim-timeline/claim-timeline';
import { RedPacket } from '../../../features/claim/components/red-packet/red-packet';
import { useClaimCollect } from '../../../features/claim/hooks/use-claim-collect';
import { policyDetailUrl } from '../../../routes';
import { ApiError, isApiError } from '../../../services/api-error';
import { formatShanghaiDateTime } from '../../../utils/shanghai-date';
import './index.scss';

type DetailState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; claim: ClaimDetail };

/** Claims that never become a red packet: say why instead. */
function ClaimOutcome({ claim }: { claim: ClaimDetail }) {
  const review = claim.status === 'manual_review';
  return (
    <View className={`claim-outcome claim-outcome--${claim.status}`}>
      <View className="claim-outcome__icon">{review ? '⏳' : 'ⓘ'}</View>
      <View className="claim-outcome__text">
        <Text className="claim-outcome__title">{review ? '人工审核中' : '未达赔付条件'}</Text>
        <Text className="claim-outcome__body">
          {review
            ? '航班在计划到达 6 小时后仍没有最终状态，理赔已转人工审核，结果会通过服务通知告诉您。'
            : (claim.rejectedReason ?? '根据航班数据，本次未达到保单约定的赔付条件。')}
        </Text>
      </View>
    </View>
  );
}

function ClaimView({ claim, onClaim }: { claim: ClaimDetail; onClaim: (claim: ClaimDetail) => void }) {
  const collect = useClaimCollect(claim, onClaim);
  const packet = claim.status !== 'manual_review' && claim.status !== 'rejected';
  const rows: { label: string; value: string; onTap?: () => void }[] = [
    { label: '理赔单号', value: claim.claimNo },
    {
      label: '保单号',
      value: claim.policyNo,
      onTap: () => void Taro.navigateTo({ url: policyDetailUrl(claim.policyNo) }),
    },
    { label: '保险产品', value: claim.productName },
    { label: '赔付金额', value: claim.status === 'rejected' ? '—' : formatCny(claim.amountFen) },
    { label: '理赔时间', value: formatShanghaiDateTime(claim.createdAt) },
    ...(claim.paidAt ? [{ label: '到账时间', value: formatShanghaiDateTime(claim.paidAt) }] : []),
  ];

  return (
    <View className="claim-detail" data-claim-id={claim.id}>
      <View className="claim-detail__head">
        <Text className="claim-detail__title">{claim.headline}</Text>
        <ClaimStatusBadge claim={claim} />
      </View>

      {packet ? (
        <RedPacket
          amountFen={claim.amountFen}
          headline={claim.headline}
          phase={collect.phase}
          recollect={isRecollect(claim)}
          paidAt={claim.paidAt}
          unavailableText={`${claimStatusMeta(claim).label}，如有疑问请联系客服`}
          notice={collect.notice}
          onOpen={collect.open}
          onRefresh={collect.refresh}
        />
      ) : (
        <ClaimOutcome claim={claim} />
      )}

      <View className="section-title">理赔依据</View>
      <ClaimEvidence evidence={claim.evidence} />

      <View className="section-title">理赔进度</View>
      <ClaimTimeline entries={claim.timeline} />

      <View className="section-title">理赔信息</View>
      <View className="claim-detail__card">
        {rows.map((row) => (
          <View
            key={row.label}
            className={`claim-detail__row${row.onTap ? ' claim-detail__row--link' : ''}`}
            onClick={row.onTap}
          >
            <Text className="claim-detail__label">{row.label}</Text>
            <Text className="claim-detail__value">
              {row.value}
              {row.onTap ? <Text className="claim-detail__chevron"> ›</Text> : null}
            </Text>
          </View>
        ))}
      </View>
      <Text className="claim-detail__statement">
        理赔由航班数据自动判定，无需报案。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。
      </Text>
    </View>
  );
}

export default function ClaimDetailPage() {
  const { params } = useRouter();
  const claimId = params.id ?? '';
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    fetchClaim(claimId)
      .then((claim) => current && setState({ status: 'success', claim }))
      .catch(
        (error: unknown) =>
          current && setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
      );
    return () => {
      current = false;
    };
  }, [claimId, attempt]);

  return (
    <View className="page claim-detail-page">
      {state.status === 'loading' ? <Loading text="正在加载理赔…" /> : null}
      {state.status === 'error' ? (
        <ErrorState message={state.error.message} requestId={state.error.requestId} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {state.status === 'success' ? (
        <ClaimView
          key={`${state.claim.id}-${attempt}`}
          claim={state.claim}
          onClaim={(claim) => setState({ status: 'success', claim })}
        />
      ) : null}
    </View>
  );
}
