import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCny, formatCnyShort, type FlightSubject, type Quote } from '@xiaoan/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { FlightRoute } from '../../../components/flight-route/flight-route';
import { Loading } from '../../../components/loading/loading';
import { useProduct } from '../../../features/catalog/hooks/use-product';
import { createQuote } from '../../../features/purchase/api/purchase.api';
import { PurchaseSteps } from '../../../features/purchase/components/purchase-steps/purchase-steps';
import { StopSaleNotice } from '../../../features/purchase/components/stop-sale-notice/stop-sale-notice';
import { useNow } from '../../../features/purchase/hooks/use-now';
import { useTrailPage } from '../../../features/purchase/hooks/use-trail-page';
import { purchaseDraft } from '../../../features/purchase/purchase-draft';
import { HOME_PAGE, insuredPageUrl, productPageUrl } from '../../../routes';
import { ApiError, isApiError, isRetryable } from '../../../services/api-error';
import { formatCountdown, formatLocalDate } from '../../../utils/shanghai-date';
import './index.scss';

type QuoteState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'success'; quote: Quote }
  | { status: 'error'; error: ApiError };

interface QuoteCardProps {
  quote: Quote;
  subject: FlightSubject;
  now: number;
  onRequote: () => void;
}

function QuoteCard({ quote, subject, now, onRequote }: QuoteCardProps) {
  const remaining = Date.parse(quote.expiresAt) - now;
  const expired = remaining <= 0;
  return (
    <View className={`quote-card${expired ? ' quote-card--expired' : ''}`}>
      <View className="quote-card__price">
        <Text className="quote-card__label">保费</Text>
        <Text className="quote-premium">{formatCny(quote.premiumFen)}</Text>
      </View>
      <View className="quote-card__rows">
        <View className="quote-card__row">
          <Text className="quote-card__key">赔付金额</Text>
          <Text className="quote-card__value quote-payout">{formatCny(quote.payoutFen)}</Text>
        </View>
        <View className="quote-card__row">
          <Text className="quote-card__key">赔付条件</Text>
          <Text className="quote-card__value">到达延误≥{subject.delayThresholdMinutes}分钟，或航班取消、备降</Text>
        </View>
      </View>
      {expired ? (
        <View className="quote-card__expiry quote-card__expiry--expired">
          <Text>报价已过期，保费可能已变化</Text>
          <Text className="quote-card__requote" onClick={onRequote}>
            重新报价
          </Text>
        </View>
      ) : (
        <Text className="quote-card__expiry quote-expiry">报价有效期剩余 {formatCountdown(remaining)}</Text>
      )}
    </View>
  );
}

export default function QuotePage() {
  const { params } = useRouter();
  const code = params.code ?? '';
  const ack = params.ack ?? '';
  const flightNo = params.flightNo ?? '';
  const date = params.date ?? '';
  useTrailPage('quote');

  const { lookup, reload } = useProduct(code);
  const terms = lookup.status === 'found' ? lookup.product.currentVersion.terms : null;
  const tiers = useMemo(() => (terms?.kind === 'flight_delay' ? terms.payoutTiersFen : []), [terms]);

  const [tier, setTier] = useState<number | null>(null);
  const [state, setState] = useState<QuoteState>({ status: 'idle' });
  const now = useNow(state.status === 'success');

  const requestQuote = useCallback(
    (payoutTier: number) => {
      setState({ status: 'loading' });
      createQuote({ productCode: code, flightNo, flightDate: date, payoutTier })
        .then((quote) => setState({ status: 'success', quote }))
        .catch((error: unknown) =>
          setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
        );
    },
    [code, flightNo, date],
  );

  // Quote the first tier as soon as the tiers are known, so a price shows without a tap.
  useEffect(() => {
    if (tier === null && tiers.length > 0) {
      setTier(tiers[0]!);
      requestQuote(tiers[0]!);
    }
  }, [tier, tiers, requestQuote]);

  const chooseTier = (value: number) => {
    if (state.status === 'loading') return;
    setTier(value);
    requestQuote(value);
  };

  const changeFlight = () => void Taro.navigateBack();

  if (!ack || !flightNo || !date) {
    return (
      <View className="page quote-page">
        <EmptyState
          icon="🧭"
          title="请重新选择航班"
          actionText="返回首页"
          onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
        />
      </View>
    );
  }
  if (lookup.status === 'loading') {
    return (
      <View className="page quote-page">
        <Loading text="正在加载保障方案…" />
      </View>
    );
  }
  if (lookup.status === 'error') {
    return (
      <View className="page quote-page">
        <ErrorState
          retryable={isRetryable(lookup.error)}
          message={lookup.error.message}
          requestId={lookup.error.requestId}
          onRetry={reload}
        />
      </View>
    );
  }
  if (lookup.status === 'not_found' || tiers.length === 0) {
    return (
      <View className="page quote-page">
        <EmptyState
          icon="🔍"
          title="该保险产品不存在或已下架"
          actionText="返回首页"
          onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
        />
      </View>
    );
  }

  const quote = state.status === 'success' ? state.quote : null;
  // This page quotes flight delay only; its quote's subject is always a flight.
  const subject = quote?.subject.kind === 'flight' ? quote.subject : null;
  const expired = quote ? Date.parse(quote.expiresAt) <= now : false;
  const versionChanged = quote !== null && quote.productVersionId !== ack;
  const canContinue = quote !== null && !expired && !versionChanged;

  const next = () => {
    if (!quote || !canContinue) return;
    purchaseDraft.startWithQuote(quote, ack);
    void Taro.navigateTo({ url: insuredPageUrl(quote.id) });
  };

  return (
    <View className="page quote-page quote-page--with-bar">
      <PurchaseSteps flow="flight" current={1} />

      <View className="quote-flight">
        {subject ? (
          <FlightRoute flight={subject.flight} />
        ) : (
          <Text className="quote-flight__placeholder">
            {flightNo} · {formatLocalDate(date)}
          </Text>
        )}
        {subject ? <Text className="quote-flight__date">{formatLocalDate(subject.flight.flightDate)} 出发</Text> : null}
      </View>

      <View className="section-title">选择赔付金额</View>
      <View className="tier-list">
        {tiers.map((value) => (
          <View
            key={value}
            className={`tier-option${value === tier ? ' tier-option--selected' : ''}`}
            data-tier={value}
            onClick={() => chooseTier(value)}
          >
            <Text className="tier-option__amount">{formatCnyShort(value)}</Text>
            <Text className="tier-option__caption">延误赔付</Text>
          </View>
        ))}
      </View>

      <View className="section-title">保费报价</View>
      {state.status === 'idle' || state.status === 'loading' ? <Loading text="正在计算保费…" /> : null}
      {state.status === 'error' ? (
        <StopSaleNotice
          error={state.error}
          onChangeSubject={changeFlight}
          changeSubjectText="换个航班"
          onRetry={() => tier !== null && requestQuote(tier)}
        />
      ) : null}
      {quote && subject ? (
        <QuoteCard quote={quote} subject={subject} now={now} onRequote={() => tier !== null && requestQuote(tier)} />
      ) : null}
      {versionChanged ? (
        <View className="quote-version-changed" role="alert">
          <Text>产品条款已更新，请重新阅读免责条款后再投保。</Text>
          <Text
            className="quote-version-changed__link"
            onClick={() => void Taro.redirectTo({ url: productPageUrl(code) })}
          >
            重新阅读
          </Text>
        </View>
      ) : null}

      <View className="quote-bar">
        <View className="quote-bar__price">
          <Text className="quote-bar__label">保费</Text>
          <Text className="quote-bar__amount">{quote ? formatCny(quote.premiumFen) : '--'}</Text>
        </View>
        <Button
          className={`button button--primary quote-next${canContinue ? '' : ' button--disabled'}`}
          disabled={!canContinue}
          onClick={next}
        >
          下一步：填写被保险人
        </Button>
      </View>
    </View>
  );
}
