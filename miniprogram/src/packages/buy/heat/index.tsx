import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HeatTerms, Product, WeatherPlace } from '@xiaoan/shared';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { PurchaseSteps } from '../../../features/purchase/components/purchase-steps/purchase-steps';
import { UnitStepper } from '../../../features/purchase/components/unit-stepper/unit-stepper';
import { WeatherQuoteBar, WeatherQuoteResult } from '../../../features/purchase/components/weather-quote/weather-quote';
import { useWeatherQuote } from '../../../features/purchase/hooks/use-weather-quote';
import { HeatPayoutGuide } from '../../../products/heat/heat-payout-guide/heat-payout-guide';
import { PlacePicker } from '../../../features/weather/components/place-picker/place-picker';
import {
  defaultHeatSeason,
  deductibleDaysOf,
  formatAverageHotDays,
  heatSeason,
  type HeatSeasonChoice,
} from '../../../features/weather/heat-season';
import { useWeatherPlaces } from '../../../features/weather/hooks/use-weather-places';
import { productPageUrl } from '../../../routes';
import { weatherNow } from '../../../services/weather-clock';
import { describeLocalDate } from '../../../utils/shanghai-date';
import { WeatherProductGate } from '../../../features/weather/components/weather-product-gate/weather-product-gate';
import { isRetryable } from '../../../services/api-error';
import './index.scss';

/** Refusals that mean "this season cannot be bought any more": the way out is the next season. */
const SEASON_CLOSED = new Set(['HEAT_SEASON_OVER', 'HEAT_NO_COVER_LEFT']);

const monthDay = (date: string): string => describeLocalDate(date).label;

function SeasonCard({ choice, waitingPeriodDays }: { choice: HeatSeasonChoice; waitingPeriodDays: number }) {
  const { sale, seasonYear } = choice;
  const { season, start, coveredDays } = sale.cover;
  const cover = !sale.open
    ? `${seasonYear}年高温季已停售`
    : start === season.start
      ? `现在投保，保障自 ${monthDay(season.start)} 起覆盖全季，共 ${coveredDays} 天`
      : `今天投保，保障自 ${monthDay(start)} 起至 ${monthDay(season.end)}，共 ${coveredDays} 天`;
  return (
    <View className="season-card" data-season-year={seasonYear}>
      <View className="season-card__head">
        <Text className="season-card__icon">☀️</Text>
        <Text className="season-card__title">
          {seasonYear}年 {monthDay(season.start)}–{monthDay(season.end)}
        </Text>
      </View>
      <Text className="season-card__cover">{cover}</Text>
      <Text className="season-card__waiting">
        等待期 {waitingPeriodDays} 天：保障从投保日后第 {waitingPeriodDays}{' '}
        天零时开始，投保前和等待期内出现的高温日不计入，以免看着天气预报投保。
      </Text>
    </View>
  );
}

interface HeatPurchaseProps {
  product: Product;
  terms: HeatTerms;
  ack: string;
}

function HeatPurchase({ product, terms, ack }: HeatPurchaseProps) {
  const places = useWeatherPlaces('city');
  const quote = useWeatherQuote(ack);
  const [city, setCity] = useState<WeatherPlace | null>(null);
  const [units, setUnits] = useState(terms.minUnits);
  const [season, setSeason] = useState(() => defaultHeatSeason(terms, weatherNow()));
  const deductible = city ? deductibleDaysOf(city, terms) : terms.defaultDeductibleDays;

  const pickCity = (place: WeatherPlace) => {
    setCity(place);
    quote.reset();
  };
  const changeUnits = (next: number) => {
    setUnits(next);
    quote.reset();
  };
  const requestQuote = (seasonYear = season.seasonYear) => {
    if (!city) return;
    quote.request({ productCode: product.code, cityCode: city.code, units, seasonYear });
  };

  const errorCode = quote.state.status === 'error' ? quote.state.error.code : '';
  const nextSeason = season.seasonYear + 1;
  const changeSubject = () => {
    if (SEASON_CLOSED.has(errorCode)) {
      setSeason(heatSeason(terms, nextSeason, weatherNow()));
      requestQuote(nextSeason);
      return;
    }
    setCity(null);
    quote.reset();
  };

  const renderPlaces = () => {
    switch (places.state.status) {
      case 'loading':
        return <Loading text="正在加载可投保城市…" />;
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
          return <EmptyState icon="🏙️" title="暂无可投保城市" description="新的城市正在路上，请稍后再来看看" />;
        }
        return (
          <PlacePicker
            places={places.state.places}
            selected={city?.code ?? null}
            onSelect={pickCity}
            detailsOf={(place) => [
              `免赔 ${deductibleDaysOf(place, terms)} 天`,
              ...(place.averageHotDays !== null ? [formatAverageHotDays(place.averageHotDays)] : []),
            ]}
          />
        );
    }
  };

  return (
    <View className="page heat-page weather-page">
      <PurchaseSteps flow="heat" current={quote.quote ? 1 : 0} />

      <View className="section-title">选择城市</View>
      {renderPlaces()}
      <Text className="weather-page__hint">以该城市国家气象观测参考站的日最高气温为准。</Text>

      <View className="section-title">保障季节</View>
      <SeasonCard choice={season} waitingPeriodDays={terms.waitingPeriodDays} />

      <View className="section-title">投保份数</View>
      <View className="weather-page__card weather-page__units">
        <View className="weather-page__units-text">
          <Text className="weather-page__units-title">
            每人可投保 {terms.minUnits}–{terms.maxUnits} 份
          </Text>
          <Text className="weather-page__units-note">份数越多，每个高温日赔得越多</Text>
        </View>
        <UnitStepper
          value={units}
          min={terms.minUnits}
          max={terms.maxUnits}
          onChange={changeUnits}
          unit="份"
          label="份数"
        />
      </View>

      <View className="section-title">怎么赔</View>
      <HeatPayoutGuide terms={terms} deductibleDays={deductible} units={units} cityName={city?.name ?? null} />

      <View className="section-title">保费报价</View>
      <WeatherQuoteResult
        quote={quote}
        idleHint={
          city
            ? `${city.name} · ${season.seasonYear}年 · ${units}份，点「获取报价」计算保费`
            : '选择城市和份数后获取报价'
        }
        onRequote={() => requestQuote()}
        onChangeSubject={changeSubject}
        changeSubjectText={SEASON_CLOSED.has(errorCode) ? `改投${nextSeason}年` : '换个城市'}
        onReread={() => void Taro.redirectTo({ url: productPageUrl(product.code) })}
      />

      <WeatherQuoteBar
        quote={quote}
        canQuote={city !== null}
        pendingText="请先选择城市"
        onQuote={() => requestQuote()}
      />
    </View>
  );
}

export default function HeatPage() {
  return (
    <WeatherProductGate kind="heat" pageClass="heat-page" trailPage="heat" fallbackCode="HEAT37">
      {(product, terms, ack) => <HeatPurchase product={product} terms={terms} ack={ack} />}
    </WeatherProductGate>
  );
}
