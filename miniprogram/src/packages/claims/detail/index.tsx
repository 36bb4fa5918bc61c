import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, type ClaimDetail } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { fetchClaim } from '../../../features/claim/api/claim.api';
import {
  claimStatusMeta,
  collectableAmountOf,
  isCollectAgain,
  isRecollect,
} from '../../../features/claim/claim-status';
import { ClaimEvidence } from '../../../features/claim/components/claim-evidence/claim-evidence';
import { ClaimStatusBadge } from '../../../features/claim/components/claim-status-badge/claim-status-badge';
import { ClaimTimeline } from '../../../features/claim/components/claim-timeline/claim-timeline';
import { RedPacket } from '../../../features/claim/components/red-packet/red-packet';
import { useClaimCollect } from '../../../features/claim/hooks/use-claim-collect';
import { productKindUi } from '../../../products';
import { policyDetailUrl } from '../../../routes';
import { ApiError, isApiError, isRetryable } from '../../../services/api-error';
import { useWeatherClock, weatherNow } from '../../../services/weather-clock';
import { formatShanghaiDateTime, shanghaiToday } from '../../../utils/shanghai-date';
import { useInviteShare } from '../../../features/campaign/use-invite-share';
import { ContactButton } from '../../../features/support/contact-button/contact-button';
import './index.scss';

type DetailState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; claim: ClaimDetail };

/** Claims that never become a red packet: say why instead. */
function ClaimOutcome({ claim }: { claim: ClaimDetail }) {
  const review = claim.status === 'manual_review';
  const copy = productKindUi(claim.evidence.kind).claimCopy;
  return (
    <View className={`claim-outcome claim-outcome--${claim.status}`}>
      <View className="claim-outcome__icon">{review ? '⏳' : 'ⓘ'}</View>
      <View className="claim-outcome__text">
        <Text className="claim-outcome__title">{review ? '人工审核中' : '未达赔付条件'}</Text>
        <Text className="claim-outcome__body">{review ? copy.review : (claim.rejectedReason ?? copy.rejected)}</Text>
      </View>
    </View>
  );
}

/** A claim that keeps growing (HEAT37 until the season ends or the cap is reached), under its red packet. */
const accruingTextOf = (claim: ClaimDetail): string | null => {
  const { accruingText } = productKindUi(claim.evidence.kind);
  if (!accruingText || (claim.status !== 'approved' && claim.status !== 'paid')) return null;
  return accruingText(claim.evidence, claim.amountFen, shanghaiToday(weatherNow().getTime()));
};

function ClaimView({ claim, onClaim }: { claim: ClaimDetail; onClaim: (claim: ClaimDetail) => void }) {
  const collect = useClaimCollect(claim, onClaim);
  // Whether a claim still accrues (a HEAT37 season running) reads the weather clock (moved in development).
  useWeatherClock(productKindUi(claim.evidence.kind).accruingText !== undefined);
  const packet = claim.status !== 'manual_review' && claim.status !== 'rejected';
  const rejected = claim.status === 'rejected';
  const rows: { label: string; value: string; onTap?: () => void }[] = [
    { label: '理赔单号', value: claim.claimNo },
    {
      label: '保单号',
      value: claim.policyNo,
      onTap: () => void Taro.navigateTo({ url: policyDetailUrl(claim.policyNo) }),
    },
    { label: '保险产品', value: claim.productName },
    { label: productKindUi(claim.evidence.kind).claimAmountLabel, value: rejected ? '—' : formatCny(claim.amountFen) },
    ...(claim.paidFen > 0 ? [{ label: '已领取', value: formatCny(claim.paidFen) }] : []),
    ...(claim.paidFen > 0 && claim.collectable
      ? [{ label: '待领取', value: formatCny(collectableAmountOf(claim)) }]
      : []),
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
          amountFen={collect.amountFen}
          headline={claim.headline}
          phase={collect.phase}
          greeting={productKindUi(claim.evidence.kind).claimCopy.greeting}
          recollect={isRecollect(claim)}
          again={isCollectAgain(claim) ? { paidFen: claim.paidFen } : null}
          accruingText={accruingTextOf(claim)}
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
      <ClaimEvidence evidence={claim.evidence} amountFen={claim.amountFen} paidFen={claim.paidFen} />

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
      <Text className="claim-detail__statement">{productKindUi(claim.evidence.kind).claimCopy.statement}</Text>
      <ContactButton from={claim.claimNo} label="对理赔有疑问？联系客服" />
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
          current &&
          setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
      );
    return () => {
      current = false;
    };
  }, [claimId, attempt]);

  // A paid claim is worth telling friends about: the card opens the shop (no amount, nothing promised).
  const paid = state.status === 'success' && state.claim.status === 'paid' ? state.claim : null;
  useInviteShare({ title: paid ? `我的${paid.productName}已自动赔付到账` : '小安保险', path: '/pages/home/index' });

  return (
    <View className="page claim-detail-page">
      {state.status === 'loading' ? <Loading text="正在加载理赔…" /> : null}
      {state.status === 'error' ? (
        <ErrorState
          retryable={isRetryable(state.error)}
          message={state.error.message}
          requestId={state.error.requestId}
          onRetry={() => setAttempt((n) => n + 1)}
        />
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
