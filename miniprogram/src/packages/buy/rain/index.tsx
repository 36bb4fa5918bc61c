import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Product, RainTerms, WeatherPlace } from '@xiaoan/shared';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { DateStrip } from '../../../features/purchase/components/date-strip/date-strip';
import { PurchaseSteps } from '../../../features/purchase/components/purchase-steps/purchase-steps';
import { UnitStepper } from '../../../features/purchase/components/unit-stepper/unit-stepper';
import { WeatherQuoteBar, WeatherQuoteResult } from '../../../features/purchase/components/weather-quote/weather-quote';
import { useWeatherQuote } from '../../../features/purchase/hooks/use-weather-quote';
import { PlacePicker } from '../../../features/weather/components/place-picker/place-picker';
import { RainPayoutGuide } from '../../../products/rain/rain-payout-guide/rain-payout-guide';
import { useWeatherPlaces } from '../../../features/weather/hooks/use-weather-places';
import { rainSaleClosesAtIso, rainVisitDates } from '../../../features/weather/rain-dates';
import { productPageUrl } from '../../../routes';
import { weatherNow } from '../../../services/weather-clock';
import { describeLocalDate, formatShanghaiMonthDayTime, shanghaiToday } from '../../../utils/shanghai-date';
import { WeatherProductGate } from '../../../features/weather/components/weather-product-gate/weather-product-gate';
import { isRetryable } from '../../../services/api-error';
import './index.scss';

/** Refusals about the date: the way out is another (later) date. */
const DATE_REFUSED = new Set(['RAIN_SALE_CLOSED', 'VISIT_DATE_TOO_FAR']);
const MIN_PERSONS = 1;

interface RainPurchaseProps {
  product: Product;
  terms: RainTerms;
  ack: string;
}

function RainPurchase({ product, terms, ack }: RainPurchaseProps) {
  const places = useWeatherPlaces('spot');
  const quote = useWeatherQuote(ack);
  const [today, setToday] = useState(() => shanghaiToday(weatherNow().getTime()));
  const [dates, setDates] = useState(() => rainVisitDates(terms, weatherNow()));
  const [visitDate, setVisitDate] = useState<string | null>(() => dates[0] ?? null);
  const [spot, setSpot] = useState<WeatherPlace | null>(null);
  const [persons, setPersons] = useState(MIN_PERSONS);

  const pickSpot = (place: WeatherPlace) => {
    setSpot(place);
    quote.reset();
  };
  const pickDate = (date: string) => {
    setVisitDate(date);
    quote.reset();
  };
  const changePersons = (next: number) => {
    setPersons(next);
    quote.reset();
  };
  const requestQuote = () => {
    if (!spot || !visitDate) return;
    quote.request({ productCode: product.code, spotCode: spot.code, visitDate, persons });
  };

  const errorCode = quote.state.status === 'error' ? quote.state.error.code : '';
  const changeSubject = () => {
    if (DATE_REFUSED.has(errorCode)) {
      // The evening has passed while the page was open: offer the dates still on sale now.
      const now = weatherNow();
      const open = rainVisitDates(terms, now);
      setToday(shanghaiToday(now.getTime()));
      setDates(open);
      setVisitDate(open.find((date) => visitDate !== null && date > visitDate) ?? open[0] ?? null);
    } else {
      setSpot(null);
    }
    quote.reset();
  };

  const renderPlaces = () => {
    switch (places.state.status) {
      case 'loading':
        return <Loading text="正在加载可投保景区…" />;
      case 'error':
        return (
          <ErrorState
            retryable={isRetryable(places.state.error)}
            message={places.state.error.message}
            requestId={places.state.error.requestId}
            onRetry={places.reload}
          />
        );
      case 'success':
        if (places.state.places.length === 0) {
          return <EmptyState icon="🏞️" title="暂无可投保景区" description="新的景区正在路上，请稍后再来看看" />;
        }
        return (
          <PlacePicker
            places={places.state.places}
            selected={spot?.code ?? null}
            onSelect={pickSpot}
            detailsOf={(place) => [place.cityName]}
          />
        );
    }
  };

  const first = dates[0];
  const last = dates[dates.length - 1];
  const closing = visitDate ? formatShanghaiMonthDayTime(rainSaleClosesAtIso(terms, visitDate)) : null;

  return (
    <View className="page rain-page weather-page">
      <PurchaseSteps flow="rain" current={quote.quote ? 1 : 0} />

      <View className="section-title">选择景区</View>
      {renderPlaces()}
      <Text className="weather-page__hint">以景区参考气象观测站的逐小时降雨量为准。</Text>

      <View className="section-title">游玩日期</View>
      <View className="weather-page__card rain-page__dates">
        {visitDate && first && last ? (
          <>
            <DateStrip
              className="visit-date-picker"
              today={today}
              dates={dates}
              selected={visitDate}
              onSelect={pickDate}
            />
            <Text className="rain-page__date-hint">
              可投保 {describeLocalDate(first).label}–{describeLocalDate(last).label} 的游玩日。游玩日前一天{' '}
              {terms.saleClosesAtLocalTimeDayBefore} 停售
              {closing ? `，所选日期将于 ${closing} 停售` : ''}。
            </Text>
          </>
        ) : (
          <EmptyState
            icon="🗓️"
            title="暂无可投保的游玩日期"
            description={`游玩日前一天 ${terms.saleClosesAtLocalTimeDayBefore} 停售，请稍后再试`}
          />
        )}
      </View>

      <View className="section-title">游玩人数</View>
      <View className="weather-page__card weather-page__units">
        <View className="weather-page__units-text">
          <Text className="weather-page__units-title">
            每单可保障 {MIN_PERSONS}–{terms.maxPersons} 人
          </Text>
          <Text className="weather-page__units-note">下雨时按人数赔付</Text>
        </View>
        <UnitStepper
          className="persons-stepper unit-stepper--persons"
          value={persons}
          min={MIN_PERSONS}
          max={terms.maxPersons}
          onChange={changePersons}
          unit="人"
          label="人数"
        />
      </View>

      <View className="section-title">怎么赔</View>
      <RainPayoutGuide terms={terms} persons={persons} />

      <View className="section-title">保费报价</View>
      <WeatherQuoteResult
        quote={quote}
        idleHint={
          spot && visitDate
            ? `${spot.name} · ${describeLocalDate(visitDate).label} · ${persons}人，点「获取报价」计算保费`
            : '选择景区、日期和人数后获取报价'
        }
        onRequote={requestQuote}
        onChangeSubject={changeSubject}
        changeSubjectText={DATE_REFUSED.has(errorCode) ? '换个日期' : '换个景区'}
        onReread={() => void Taro.redirectTo({ url: productPageUrl(product.code) })}
      />

      <WeatherQuoteBar
        quote={quote}
        canQuote={spot !== null && visitDate !== null}
        pendingText={spot ? '请选择游玩日期' : '请先选择景区'}
        onQuote={requestQuote}
      />
    </View>
  );
}

export default function RainPage() {
  return (
    <WeatherProductGate kind="rain" pageClass="rain-page" trailPage="rain" fallbackCode="RAIN">
      {(product, terms, ack) => <RainPurchase product={product} terms={terms} ack={ack} />}
    </WeatherProductGate>
  );
}
