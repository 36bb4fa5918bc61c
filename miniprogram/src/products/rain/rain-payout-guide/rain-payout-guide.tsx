import { Text, View } from '@tarojs/components';
import { formatCnyShort, type RainTerms } from '@xiaoan/shared';
import { formatMm } from '../../../features/weather/weather-format';
import { windowHours } from '../../../features/weather/window-hours';
import './rain-payout-guide.scss';

export interface RainPayoutGuideProps {
  terms: Pick<
    RainTerms,
    'thresholdMm' | 'windowStart' | 'windowEnd' | 'payoutPerPersonFen' | 'saleClosesAtLocalTimeDayBefore'
  >;
  persons: number;
}

/** RAIN in one picture: the visiting hours that count, the threshold, and what each person gets. */
export function RainPayoutGuide({ terms, persons }: RainPayoutGuideProps) {
  const hours = windowHours(terms.windowStart, terms.windowEnd);
  const threshold = formatMm(terms.thresholdMm);
  return (
    <View className="rain-guide">
      <View className="rain-guide__hours" aria-hidden="true">
        {hours.map((hour) => (
          <View key={hour} className="rain-guide__hour">
            <View className="rain-guide__drop" />
            <Text className="rain-guide__hour-label">{hour}时</Text>
          </View>
        ))}
      </View>
      <Text className="rain-guide__sum">
        {terms.windowStart}–{terms.windowEnd} 累计降雨 ≥ {threshold} 毫米 → 每人赔{' '}
        {formatCnyShort(terms.payoutPerPersonFen)}
      </Text>
      <View className="rain-guide__points">
        <Text className="rain-guide__point">
          ● 以景区参考气象观测站的逐小时降雨量为准，游玩当天 {terms.windowStart}–{terms.windowEnd} 之外的雨不计入
        </Text>
        <Text className="rain-guide__point">
          ● 达到 {threshold} 毫米即自动发放红包，无需申请；{persons}人共赔{' '}
          {formatCnyShort(terms.payoutPerPersonFen * persons)}
        </Text>
        <Text className="rain-guide__point">
          ● 游玩日前一天 {terms.saleClosesAtLocalTimeDayBefore} 停售，请提前投保
        </Text>
      </View>
    </View>
  );
}
