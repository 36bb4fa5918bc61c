import { Button, Text, View } from '@tarojs/components';
import { formatCny, type Quote } from '@xiaoan/shared';
import type { ReactNode } from 'react';
import { Loading } from '../../../../components/loading/loading';
import { productKindUi } from '../../../../products';
import { formatCountdown } from '../../../../utils/shanghai-date';
import type { WeatherQuote } from '../../hooks/use-weather-quote';
import { StopSaleNotice } from '../stop-sale-notice/stop-sale-notice';
import './weather-quote.scss';

interface RowProps {
  label: string;
  children: ReactNode;
}

function Row({ label, children }: RowProps) {
  return (
    <View className="weather-quote__row">
      <Text className="weather-quote__key">{label}</Text>
      <Text className="weather-quote__value">{children}</Text>
    </View>
  );
}

interface QuoteCardProps {
  quote: Quote;
  now: number;
  onRequote: () => void;
}

function QuoteCard({ quote, now, onRequote }: QuoteCardProps) {
  const remaining = Date.parse(quote.expiresAt) - now;
  const expired = remaining <= 0;
  const { subject } = quote;
  const ui = productKindUi(subject.kind);
  return (
    <View className={`weather-quote${expired ? ' weather-quote--expired' : ''}`} data-quote-id={quote.id}>
      <View className="weather-quote__price">
        <View className="weather-quote__price-text">
          <Text className="weather-quote__label">保费</Text>
          <Text className="weather-quote__breakdown">{ui.quoteBreakdown(quote.premiumFen, subject)}</Text>
        </View>
        <Text className="weather-quote__premium">{formatCny(quote.premiumFen)}</Text>
      </View>
      <View className="weather-quote__rows">
        <Row label="保障">{ui.lines(subject).title}</Row>
        <Row label={ui.payoutLabel}>
          <Text className="weather-quote__payout">{formatCny(quote.payoutFen)}</Text>
        </Row>
        <Row label="赔付条件">{ui.triggerText(subject)}</Row>
        {ui.quoteRows(subject).map((row) => (
          <Row key={row.label} label={row.label}>
            {row.value}
          </Row>
        ))}
      </View>
      {expired ? (
        <View className="weather-quote__expiry weather-quote__expiry--expired">
          <Text>报价已过期，保费可能已变化</Text>
          <Text className="weather-quote__requote" onClick={onRequote}>
            重新报价
          </Text>
        </View>
      ) : (
        <Text className="weather-quote__expiry">报价有效期剩余 {formatCountdown(remaining)}</Text>
      )}
    </View>
  );
}

export interface WeatherQuoteResultProps {
  quote: WeatherQuote;
  /** Ask for the same quote again (expired, or a failure worth retrying). */
  onRequote: () => void;
  /** The refusal's way out: another city, spot, date or season. */
  onChangeSubject: () => void;
  changeSubjectText: string;
  onReread: () => void;
  /** Shown before the first quote. */
  idleHint: string;
}

/** The quote section of a weather page: a hint, the spinner, the refusal or the priced quote. */
export function WeatherQuoteResult({
  quote,
  onRequote,
  onChangeSubject,
  changeSubjectText,
  onReread,
  idleHint,
}: WeatherQuoteResultProps) {
  const { state } = quote;
  switch (state.status) {
    case 'idle':
      return <Text className="weather-quote__idle">{idleHint}</Text>;
    case 'loading':
      return <Loading text="正在计算保费…" />;
    case 'error':
      return (
        <StopSaleNotice
          error={state.error}
          onChangeSubject={onChangeSubject}
          changeSubjectText={changeSubjectText}
          onRetry={onRequote}
        />
      );
    case 'success': {
      return (
        <>
          <QuoteCard quote={state.quote} now={quote.now} onRequote={onRequote} />
          {quote.versionChanged ? (
            <View className="weather-quote__version-changed" role="alert">
              <Text>产品条款已更新，请重新阅读免责条款后再投保。</Text>
              <Text className="weather-quote__reread" onClick={onReread}>
                重新阅读
              </Text>
            </View>
          ) : null}
        </>
      );
    }
  }
}

export interface WeatherQuoteBarProps {
  quote: WeatherQuote;
  /** False until the choice is complete (a city picked…). */
  canQuote: boolean;
  /** Why the quote button is not ready yet, e.g. 请先选择城市. */
  pendingText: string;
  onQuote: () => void;
}

/**
 * The bottom bar: 获取报价 until there is a valid quote, then 下一步 to the insured form. An expired
 * quote turns the button back into 重新报价.
 */
export function WeatherQuoteBar({ quote, canQuote, pendingText, onQuote }: WeatherQuoteBarProps) {
  const loading = quote.state.status === 'loading';
  const priced = quote.quote !== null && !quote.expired;
  return (
    <View className="weather-bar">
      <View className="weather-bar__price">
        <Text className="weather-bar__label">保费</Text>
        <Text className="weather-bar__amount">{priced && quote.quote ? formatCny(quote.quote.premiumFen) : '--'}</Text>
        {!canQuote ? <Text className="weather-bar__note">{pendingText}</Text> : null}
      </View>
      {priced ? (
        <Button
          className={`button button--primary weather-continue${quote.canContinue ? '' : ' button--disabled'}`}
          disabled={!quote.canContinue}
          onClick={quote.proceed}
        >
          下一步：填写被保险人
        </Button>
      ) : (
        <Button
          className={`button button--primary weather-quote-button${canQuote && !loading ? '' : ' button--disabled'}`}
          disabled={!canQuote || loading}
          onClick={onQuote}
        >
          {loading ? '报价中…' : quote.expired ? '重新报价' : '获取报价'}
        </Button>
      )}
    </View>
  );
}
