import { Text, View } from '@tarojs/components';
import { formatCnyShort, type HeatTerms } from '@xiaoan/shared';
import './heat-payout-guide.scss';

export interface HeatPayoutGuideProps {
  terms: Pick<HeatTerms, 'thresholdCelsius' | 'tickPerUnitFen' | 'capPerUnitFen'>;
  deductibleDays: number;
  units: number;
  /** The chosen city, or null before one is picked (the deductible is then the version's default). */
  cityName: string | null;
}

/** `1000` → `10元`, for sentences where ¥ reads awkwardly. */
const yuan = (fen: number): string => `${formatCnyShort(fen).slice(1)}元`;

/** Hot days drawn in the ladder: the deductible and three paying days after it. */
const PAYING_DAYS_DRAWN = 3;

/**
 * HEAT37's payout as a picture and a table (products.md §2): a ladder of hot days, the first
 * `deductible` of them free of charge, then `tick × units` a day until `cap × units`; and the same
 * figures for the chosen city and units in words.
 */
export function HeatPayoutGuide({ terms, deductibleDays, units, cityName }: HeatPayoutGuideProps) {
  const { tickPerUnitFen: tick, capPerUnitFen: cap } = terms;
  const perDay = tick * units;
  // The hot day on which the cap is reached (every later one adds nothing).
  const cappedOn = tick > 0 ? deductibleDays + Math.ceil(cap / tick) : deductibleDays;
  const ladder = Array.from({ length: deductibleDays + PAYING_DAYS_DRAWN }, (_, index) => index + 1);
  const city = cityName ?? '所选城市';

  return (
    <View className="heat-guide">
      <Text className="heat-guide__lead">
        日最高气温≥{terms.thresholdCelsius}°C 记为1个高温日。保障期内累计的高温日超过免赔天数后，每个高温日每份赔
        {formatCnyShort(tick)}，每份最高赔{formatCnyShort(cap)}。
      </Text>

      <Text className="heat-guide__ladder-title">按累计的第几个高温日赔（{units}份）：</Text>
      <View className="heat-guide__ladder" aria-hidden="true">
        {ladder.map((day) => {
          const free = day <= deductibleDays;
          return (
            <View key={day} className={`heat-guide__step heat-guide__step--${free ? 'free' : 'paid'}`}>
              <Text className="heat-guide__step-day">第{day}个</Text>
              <Text className="heat-guide__step-amount">{free ? '免赔' : `+${yuan(perDay)}`}</Text>
            </View>
          );
        })}
        <View className="heat-guide__step heat-guide__step--more">
          <Text className="heat-guide__step-day">…</Text>
          <Text className="heat-guide__step-amount">封顶</Text>
        </View>
      </View>

      <View className="heat-guide__table">
        <View className="heat-guide__tr heat-guide__tr--head">
          <Text className="heat-guide__td heat-guide__td--wide">累计高温日</Text>
          <Text className="heat-guide__td">每份</Text>
          <Text className="heat-guide__td">{units}份</Text>
        </View>
        <View className="heat-guide__tr">
          <Text className="heat-guide__td heat-guide__td--wide">
            {deductibleDays > 0 ? `第1–${deductibleDays}个（免赔）` : '无免赔'}
          </Text>
          <Text className="heat-guide__td">¥0</Text>
          <Text className="heat-guide__td">¥0</Text>
        </View>
        <View className="heat-guide__tr">
          <Text className="heat-guide__td heat-guide__td--wide">第{deductibleDays + 1}个起，每天</Text>
          <Text className="heat-guide__td">{formatCnyShort(tick)}</Text>
          <Text className="heat-guide__td heat-guide__td--strong">{formatCnyShort(perDay)}</Text>
        </View>
        <View className="heat-guide__tr">
          <Text className="heat-guide__td heat-guide__td--wide">累计最高（第{cappedOn}个赔满）</Text>
          <Text className="heat-guide__td">{formatCnyShort(cap)}</Text>
          <Text className="heat-guide__td heat-guide__td--strong">{formatCnyShort(cap * units)}</Text>
        </View>
      </View>

      <Text className="heat-guide__example">
        例：买{units}份，{city}第{deductibleDays + 1}个高温日起每天赔{yuan(perDay)}，最多赔{yuan(cap * units)}。
        {cityName ? '' : '（免赔天数以所选城市为准）'}
      </Text>
      <Text className="heat-guide__note">补贴按日累计，高温日次日即可在「我的理赔」领取，无需申请。</Text>
    </View>
  );
}
