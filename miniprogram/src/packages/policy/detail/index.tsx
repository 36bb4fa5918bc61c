import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, type ClaimSummary, type CoverSubject, type PolicyDetail } from '@xiaoan/shared';
import { useEffect, useRef, useState } from 'react';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { fetchMyClaims } from '../../../features/claim/api/claim.api';
import { ClaimLink } from '../../../features/claim/components/claim-link/claim-link';
import { fetchPolicy } from '../../../features/policy/api/policy.api';
import { openPolicyDocument } from '../../../features/policy/api/policy-document';
import { PolicyCancel, PremiumRefundCard } from '../../../features/policy/components/policy-cancel/policy-cancel';
import { PolicyStatusBadge } from '../../../features/policy/components/status-badge/status-badge';
import { productKindUi } from '../../../products';
import { verifyPageUrl } from '../../../routes';
import { ApiError, CLIENT_ERROR_MESSAGES, isApiError, isRetryable } from '../../../services/api-error';
import { formatShanghaiDateTime } from '../../../utils/shanghai-date';
import { useInviteShare } from '../../../features/campaign/use-invite-share';
import { ContactButton } from '../../../features/support/contact-button/contact-button';
import './index.scss';

const REFUND_POLL_MS = 2000;
const REFUND_POLLS = 30;

type DetailState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; policy: PolicyDetail };

interface Row {
  label: string;
  value: string;
  className?: string;
}

/** What is covered: the flight's route, or the city-season / spot-day in two lines. */
function CoveredSubject({ subject }: { subject: CoverSubject }) {
  const ui = productKindUi(subject.kind);
  const lines = ui.lines(subject);
  return (
    <>
      <View className="section-title">{ui.subjectTitle}</View>
      {ui.DetailSubject ? (
        <ui.DetailSubject subject={subject} />
      ) : (
        <View className={`policy-detail__card policy-detail__subject policy-detail__subject--${subject.kind}`}>
          <Text className="policy-detail__subject-title">{lines.title}</Text>
          <Text className="policy-detail__subject-detail">{lines.detail}</Text>
        </View>
      )}
    </>
  );
}

function InfoCard({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <>
      <View className="section-title">{title}</View>
      <View className="policy-detail__card">
        {rows.map((row) => (
          <View key={row.label} className="policy-detail__row">
            <Text className="policy-detail__label">{row.label}</Text>
            <Text className={`policy-detail__value${row.className ? ` ${row.className}` : ''}`}>{row.value}</Text>
          </View>
        ))}
      </View>
    </>
  );
}

/** 查看电子保单: the PDF in WeChat's document viewer (weapp) or a new tab (H5). */
function PolicyDocumentAction({ policyNo }: { policyNo: string }) {
  // A second tap while the PDF is being made would start a second download.
  const opening = useRef(false);

  const open = async () => {
    if (opening.current) return;
    opening.current = true;
    let loading = true;
    const hideLoading = () => {
      if (!loading) return;
      loading = false;
      // Typed void, but a promise in the weapp that rejects when no loading is showing.
      void Promise.resolve(Taro.hideLoading() as unknown).catch(() => undefined);
    };
    void Taro.showLoading({ title: '正在生成电子保单…', mask: true }).catch(() => undefined);
    try {
      await openPolicyDocument(policyNo, { onDownloaded: hideLoading });
    } catch (error) {
      // Hidden first: in WeChat the loading and the toast are one overlay, hiding one hides both.
      hideLoading();
      void Taro.showToast({
        title: isApiError(error) ? error.message : CLIENT_ERROR_MESSAGES.DOCUMENT_OPEN_FAILED,
        icon: 'none',
      }).catch(() => undefined);
    } finally {
      hideLoading();
      opening.current = false;
    }
  };

  return (
    <View className="policy-detail__document">
      <Button className="button button--primary policy-detail__document-button" onClick={() => void open()}>
        <Text className="policy-detail__document-icon" aria-hidden="true">
          📄
        </Text>
        <Text>查看电子保单</Text>
      </Button>
      <Text className="policy-detail__document-note">电子保单与纸质保单具有同等法律效力，可扫码验真</Text>
    </View>
  );
}

function Detail({
  policy,
  claim,
  onCancelled,
}: {
  policy: PolicyDetail;
  claim: ClaimSummary | null;
  onCancelled: (policy: PolicyDetail) => void;
}) {
  const { subject } = policy;
  return (
    <View className="policy-detail">
      <View className="policy-detail__hero">
        <View className="policy-detail__hero-head">
          <Text className="policy-detail__product">{policy.productName}</Text>
          <PolicyStatusBadge status={policy.status} />
        </View>
        <Text className="policy-detail__no">保单号 {policy.policyNo}</Text>
        <View className="policy-detail__payout">
          <Text className="policy-detail__payout-label">{productKindUi(subject.kind).detailPayoutLabel}</Text>
          <Text className="policy-detail__payout-value">{formatCny(policy.payoutFen)}</Text>
        </View>
      </View>

      <PremiumRefundCard policy={policy} />

      {claim ? (
        <>
          <View className="section-title">理赔</View>
          <ClaimLink claim={claim} subject={subject.kind} className="policy-detail__claim" />
        </>
      ) : null}

      <CoveredSubject subject={subject} />

      <InfoCard
        title="保障信息"
        rows={[
          { label: '赔付条件', value: productKindUi(subject.kind).triggerText(subject) },
          ...productKindUi(subject.kind).detailRows(subject),
          { label: '保障开始', value: formatShanghaiDateTime(policy.coverStart) },
          { label: '保障结束', value: formatShanghaiDateTime(policy.coverEnd) },
          { label: '保费', value: formatCny(policy.premiumFen) },
        ]}
      />
      <InfoCard
        title="被保险人"
        rows={[
          { label: '姓名', value: policy.insuredNameMasked },
          { label: '身份证号', value: policy.insuredIdMasked },
          { label: '手机号', value: policy.insuredPhoneMasked },
        ]}
      />
      <InfoCard
        title="保单信息"
        rows={[
          { label: '承保公司', value: policy.insurerName },
          { label: '产品备案编号', value: policy.filingNo, className: 'policy-detail__filing-no' },
          { label: '订单号', value: policy.orderNo },
          { label: '签发时间', value: formatShanghaiDateTime(policy.issuedAt) },
        ]}
      />

      <PolicyDocumentAction policyNo={policy.policyNo} />

      <PolicyCancel policy={policy} onCancelled={onCancelled} />

      <View className="policy-detail__verify">
        <View className="policy-detail__verify-text">
          <Text className="policy-detail__verify-title">电子保单可验真</Text>
          <Text className="policy-detail__verify-body">
            任何人凭保单号和被保险人姓名，均可在「保单验真」查验本保单真伪。
          </Text>
        </View>
        <Button
          className="button button--ghost policy-detail__verify-button"
          onClick={() => void Taro.navigateTo({ url: verifyPageUrl(policy.policyNo) })}
        >
          去验真
        </Button>
      </View>

      <ContactButton from={policy.policyNo} label="对保单有疑问？联系客服" />
    </View>
  );
}

export default function PolicyDetailPage() {
  const { params } = useRouter();
  const policyNo = params.policyNo ?? '';
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [claim, setClaim] = useState<ClaimSummary | null>(null);

  // The policy's claim, if any (one per policy). Optional: the page works without it.
  useEffect(() => {
    let current = true;
    fetchMyClaims()
      .then((claims) => current && setClaim(claims.find((item) => item.policyNo === policyNo) ?? null))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [policyNo, attempt]);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    fetchPolicy(policyNo)
      .then((policy) => current && setState({ status: 'success', policy }))
      .catch(
        (error: unknown) =>
          current &&
          setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
      );
    return () => {
      current = false;
    };
  }, [policyNo, attempt]);

  // A refund under way is followed until WeChat Pay has settled it (its notification reaches the BFF).
  const refundPending =
    state.status === 'success' &&
    (state.policy.refund?.status === 'pending' || state.policy.refund?.status === 'processing');
  useEffect(() => {
    if (!refundPending) return undefined;
    let current = true;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(() => {
        polls += 1;
        fetchPolicy(policyNo)
          .then((policy) => {
            if (!current) return;
            const stillPending = policy.refund?.status === 'pending' || policy.refund?.status === 'processing';
            if (!stillPending) setState({ status: 'success', policy });
            else if (polls < REFUND_POLLS) poll();
          })
          .catch(() => current && polls < REFUND_POLLS && poll());
      }, REFUND_POLL_MS);
    };
    poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [policyNo, refundPending]);
  // 为同行人也买一份: the card opens the same product (never this policy), with the sharer's invite code.
  const shared = state.status === 'success' ? state.policy : null;
  useInviteShare({
    title: shared ? `为同行人也买一份：${shared.productName}` : '小安保险',
    path: shared ? `/packages/buy/product/index?code=${encodeURIComponent(shared.productCode)}` : '/pages/home/index',
  });

  return (
    <View className="page policy-detail-page">
      {state.status === 'loading' ? <Loading text="正在加载保单…" /> : null}
      {state.status === 'error' ? (
        <ErrorState
          retryable={isRetryable(state.error)}
          message={state.error.message}
          requestId={state.error.requestId}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : null}
      {state.status === 'success' ? (
        <Detail policy={state.policy} claim={claim} onCancelled={(policy) => setState({ status: 'success', policy })} />
      ) : null}
    </View>
  );
}
