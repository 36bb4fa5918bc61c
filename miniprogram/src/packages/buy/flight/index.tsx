import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { flightNoSchema, type FlightOption } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { FlightRoute } from '../../../components/flight-route/flight-route';
import { Loading } from '../../../components/loading/loading';
import { fetchFlights } from '../../../features/purchase/api/purchase.api';
import { DateStrip } from '../../../features/purchase/components/date-strip/date-strip';
import { PurchaseSteps } from '../../../features/purchase/components/purchase-steps/purchase-steps';
import { useTrailPage } from '../../../features/purchase/hooks/use-trail-page';
import { productPageUrl, quotePageUrl } from '../../../routes';
import { ApiError, isApiError, isRetryable } from '../../../services/api-error';
import { addDays, formatLocalDate, shanghaiToday } from '../../../utils/shanghai-date';
import './index.scss';

/** The sale window opens 30 days before departure (products.md §1); the default is a few days out. */
const BOOKABLE_DAYS = 30;
const DEFAULT_DAYS_AHEAD = 3;

type FlightsState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; flights: FlightOption[] };

const asApiError = (error: unknown): ApiError => (isApiError(error) ? error : ApiError.client('INVALID_RESPONSE'));

export default function FlightPage() {
  const { params } = useRouter();
  const code = params.code ?? '';
  const ack = params.ack ?? '';
  useTrailPage('flight');

  const [today] = useState(shanghaiToday);
  const [dates] = useState(() => Array.from({ length: BOOKABLE_DAYS }, (_, offset) => addDays(today, offset)));
  const [date, setDate] = useState(() => addDays(today, DEFAULT_DAYS_AHEAD));
  const [query, setQuery] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  /** The flight number searched for; null lists the day's schedule. */
  const [searched, setSearched] = useState<string | null>(null);
  const [state, setState] = useState<FlightsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!code || !ack) return;
    let current = true;
    setState({ status: 'loading' });
    fetchFlights(date, searched ?? undefined, code)
      .then((flights) => current && setState({ status: 'success', flights }))
      .catch((error: unknown) => current && setState({ status: 'error', error: asApiError(error) }));
    return () => {
      current = false;
    };
  }, [code, ack, date, searched, attempt]);

  if (!code || !ack) {
    return (
      <View className="page flight-page">
        <EmptyState
          icon="📋"
          title="请先阅读免责条款"
          description="投保前需在产品页阅读并确认免责条款"
          actionText="返回产品页"
          onAction={() => void Taro.redirectTo({ url: productPageUrl(code || 'FD120') })}
        />
      </View>
    );
  }

  const search = () => {
    const parsed = flightNoSchema.safeParse(query);
    if (!query.trim()) {
      setInputError('请输入航班号');
      return;
    }
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? '航班号格式不正确，例如 MU5101');
      return;
    }
    setInputError(null);
    setSearched(parsed.data);
  };

  const showSchedule = () => {
    setSearched(null);
    setQuery('');
    setInputError(null);
  };

  const pick = (flight: FlightOption) => {
    // A flight that can no longer be bought says why on its card; a tap changes nothing.
    if (flight.saleStop) return;
    void Taro.navigateTo({
      url: quotePageUrl({ code, ack, flightNo: flight.flightNo, date: flight.flightDate }),
    });
  };

  const renderFlights = () => {
    switch (state.status) {
      case 'loading':
        return <Loading text={searched ? '正在查询航班…' : '正在加载当日航班…'} />;
      case 'error':
        if (state.error.code === 'FLIGHT_NOT_FOUND') {
          return (
            <EmptyState
              icon="🔍"
              title={`${formatLocalDate(date)}没有查到 ${searched ?? ''}`}
              description={state.error.message}
              actionText="查看当日航班"
              onAction={showSchedule}
            />
          );
        }
        return (
          <ErrorState
            retryable={isRetryable(state.error)}
            message={state.error.message}
            requestId={state.error.requestId}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        );
      case 'success':
        if (state.flights.length === 0) {
          return <EmptyState icon="🛫" title="当日暂无可选航班" description="换个日期看看，或直接输入航班号查询" />;
        }
        return (
          <View className="flight-list">
            {state.flights.map((flight) => (
              <View
                key={`${flight.flightNo}-${flight.flightDate}`}
                className={`flight-option${flight.saleStop ? ' flight-option--closed' : ''}`}
                data-flight-no={flight.flightNo}
                data-sale-stop={flight.saleStop?.code}
                aria-disabled={flight.saleStop ? true : undefined}
                onClick={() => pick(flight)}
              >
                <FlightRoute flight={flight} compact />
                <View className="flight-option__footer">
                  <Text className="flight-option__airports">
                    {flight.origin.name} → {flight.destination.name}
                  </Text>
                  {flight.saleStop ? (
                    <Text className="flight-option__closed">{flight.saleStop.reason}</Text>
                  ) : (
                    <Text className="flight-option__cta">为此航班投保 ›</Text>
                  )}
                </View>
              </View>
            ))}
          </View>
        );
    }
  };

  return (
    <View className="page flight-page">
      <PurchaseSteps flow="flight" current={0} />

      <View className="flight-search">
        <Text className="flight-search__label">出发日期</Text>
        <DateStrip
          today={today}
          dates={dates}
          selected={date}
          onSelect={(next) => {
            setDate(next);
          }}
        />
        <Text className="flight-search__hint">可投保起飞前30天内、距起飞2小时以上的航班</Text>

        <Text className="flight-search__label">航班号</Text>
        <View className="flight-search__row">
          <Input
            className="flight-search__input"
            value={query}
            placeholder="输入航班号，如 MU5101"
            maxlength={8}
            confirmType="search"
            onInput={(event) => {
              setQuery(event.detail.value.toUpperCase());
              setInputError(null);
            }}
            onConfirm={search}
          />
          <Button className="button button--primary flight-search__submit" onClick={search}>
            查询
          </Button>
        </View>
        {inputError ? <Text className="flight-search__error">{inputError}</Text> : null}
      </View>

      <View className="flight-page__list-header">
        <View className="section-title">{searched ? `查询结果 · ${searched}` : '当日热门航班'}</View>
        {searched ? (
          <Text className="flight-page__show-all" onClick={showSchedule}>
            查看全部
          </Text>
        ) : null}
      </View>
      {renderFlights()}
    </View>
  );
}
