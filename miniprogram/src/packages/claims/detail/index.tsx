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
import { policyDetailUrl } from '../../../routes';
import { ApiError, isApiError, isRetryable } from '../../../services/api-error';
import { useWeatherClock, weatherNow } from '../../../services/weather-clock';
import { formatShanghaiDateTime, shanghaiToday } from '../../../utils/shanghai-date';
import { useInviteShare } from '../../../features/campaign/use-invite-share';
import { ContactButton } from '../../../features/support/contact-button/contact-button';
import './index.scss';

type DetailState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; claim: ClaimDetail };

type EvidenceKind = ClaimDetail['evidence']['kind'];

/** The words that change with the product behind the claim. */
const COPY: Record<EvidenceKind, { greeting: string; review: string; rejected: string; statement: string }> = {
  flight: {
    greeting: '航班延误，赔款已备好',
    review: '航班在计划到达 6 小时后仍没有最终状态，理赔已转人工审核，结果会通过服务通知告诉您。',
    rejected: '根据航班数据，本次未达到保单约定的赔付条件。',
    statement:
      '理赔由航班数据自动判定，无需报案。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。',
  },
  heat: {
    greeting: '高温补贴已备好',
    review: '气温读数正在复核，理赔已转人工审核，结果会通过服务通知告诉您。',
    rejected: '根据气象观测数据，本次未达到保单约定的赔付条件。',
    statement:
      '高温补贴由城市参考气象站的日最高气温自动判定，无需报案，按日累计，可多次领取。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。',
  },
  rain: {
    greeting: '景区下雨，赔款已备好',
    review: '降雨读数正在复核，理赔已转人工审核，结果会通过服务通知告诉您。',
    rejected: '根据气象观测数据，本次未达到保单约定的赔付条件。',
    statement:
      '理赔由景区参考气象站的降雨数据自动判定，无需报案。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。',
  },
};

/** Claims that never become a red packet: say why instead. */
function ClaimOutcome({ claim }: { claim: ClaimDetail }) {
  const review = claim.status === 'manual_review';
  const copy = COPY[claim.evidence.kind];
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

/**
 * HEAT37 only: a claim that keeps growing until the season ends or the cap is reached. Shown under
 * a paid (or not yet collectable) red packet.
 */
const accruingTextOf = (claim: ClaimDetail): string | null => {
  const { evidence } = claim;
  if (evidence.kind !== 'heat' || (claim.status !== 'approved' && claim.status !== 'paid')) return null;
  if (claim.amountFen >= evidence.capPerUnitFen * evidence.units) return '本季补贴已达保障上限';
  return shanghaiToday(weatherNow().getTime()) <= evidence.coverEndDate ? '高温补贴继续累计中' : null;
};

function ClaimView({ claim, onClaim }: { claim: ClaimDetail; onClaim: (claim: ClaimDetail) => void }) {
  const collect = useClaimCollect(claim, onClaim);
  // Whether a HEAT37 season is still running reads the weather clock (moved in development).
  useWeatherClock(claim.evidence.kind === 'heat');
  const packet = claim.status !== 'manual_review' && claim.status !== 'rejected';
  const kind = claim.evidence.kind;
  const rejected = claim.status === 'rejected';
  const rows: { label: string; value: string; onTap?: () => void }[] = [
    { label: '理赔单号', value: claim.claimNo },
    {
      label: '保单号',
      value: claim.policyNo,
      onTap: () => void Taro.navigateTo({ url: policyDetailUrl(claim.policyNo) }),
    },
    { label: '保险产品', value: claim.productName },
    { label: kind === 'heat' ? '累计赔付' : '赔付金额', value: rejected ? '—' : formatCny(claim.amountFen) },
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
          greeting={COPY[kind].greeting}
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
      <Text className="claim-detail__statement">{COPY[kind].statement}</Text>
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
