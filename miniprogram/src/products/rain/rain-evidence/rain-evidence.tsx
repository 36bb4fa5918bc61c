import { Text, View } from '@tarojs/components';
import type { RainClaimEvidence } from '@xiaoan/shared';
import { formatLocalDate } from '../../../utils/shanghai-date';
import { formatMm } from '../../../features/weather/weather-format';
import { rainColumns, rainScaleMm } from './rain-chart';
import { EvidenceRow } from '../../../components/evidence-row/evidence-row';
import './rain-evidence.scss';

const pct = (mm: number, scale: number): string => `${Math.min(100, (mm / scale) * 100)}%`;

/**
 * The visiting window hour by hour. Each column stacks that hour's rain (blue) on the rain that
 * fell before it (pale), so the last column's top is the window's total, read against the
 * threshold line.
 */
function RainChart({ evidence }: { evidence: RainClaimEvidence }) {
  const columns = rainColumns(evidence);
  const scale = rainScaleMm(evidence);
  const met = evidence.windowTotalMm >= evidence.thresholdMm;
  const summary =
    `${evidence.windowStart}–${evidence.windowEnd} 累计降雨 ${formatMm(evidence.windowTotalMm)} 毫米，` +
    `${met ? '达到' : '未达'} ${formatMm(evidence.thresholdMm)} 毫米赔付线`;
  return (
    <View className="rain-chart" data-met={met ? 'true' : 'false'} role="img" aria-label={summary}>
      <View className="rain-chart__plot">
        {columns.map((column) => (
          <View key={column.hour} className="rain-chart__col">
            <View className="rain-chart__carry" style={{ height: pct(column.beforeMm, scale) }} />
            <View
              className={`rain-chart__bar${column.mm === null ? ' rain-chart__bar--missing' : ''}`}
              data-hour={column.hour}
              data-mm={column.mm === null ? '' : String(column.mm)}
              style={{ bottom: pct(column.beforeMm, scale), height: pct(column.mm ?? 0, scale) }}
            />
          </View>
        ))}
        <View className="rain-chart__line" style={{ bottom: pct(evidence.thresholdMm, scale) }}>
          <Text className="rain-chart__line-label">赔付线 {formatMm(evidence.thresholdMm)}mm</Text>
        </View>
      </View>
      <View className="rain-chart__axis" aria-hidden="true">
        {columns.map((column) => (
          <View key={column.hour} className="rain-chart__tick">
            <Text className="rain-chart__tick-mm">{column.mm === null ? '—' : formatMm(column.mm)}</Text>
            <Text className="rain-chart__tick-hour">{Number(column.hour.slice(0, 2))}时</Text>
          </View>
        ))}
      </View>
      <View className="rain-chart__legend" aria-hidden="true">
        <View className="rain-chart__swatch rain-chart__swatch--hour" />
        <Text>该小时降雨</Text>
        <View className="rain-chart__swatch rain-chart__swatch--carry" />
        <Text>此前累计</Text>
      </View>
      <View className={`rain-chart__total${met ? ' rain-chart__total--met' : ''}`}>
        <Text>{summary}</Text>
      </View>
    </View>
  );
}

/** A RAIN claim's facts: the spot's hourly rain in the visiting window, against the threshold. */
export function RainEvidence({ evidence }: { evidence: RainClaimEvidence }) {
  return (
    <View className="claim-evidence rain-evidence" data-kind="rain">
      <View className="rain-evidence__head">
        <Text className="rain-evidence__spot">🌧️ {evidence.spotName}</Text>
        <Text className="rain-evidence__date">{formatLocalDate(evidence.visitDate)}</Text>
      </View>
      <RainChart evidence={evidence} />
      <Text className="claim-evidence__tz">逐小时降雨量（毫米），均为北京时间</Text>
      <View className="claim-evidence__rows">
        <EvidenceRow label="保障人数">{evidence.persons}人</EvidenceRow>
        <EvidenceRow label="参考气象站">{evidence.spotName}附近的气象观测站</EvidenceRow>
        <EvidenceRow label="赔付条件" rule>
          {evidence.windowStart}–{evidence.windowEnd} 累计降雨≥{evidence.thresholdMm}毫米
        </EvidenceRow>
        <EvidenceRow label="数据来源">气象观测数据 · {evidence.providerEventIds.length} 条记录</EvidenceRow>
      </View>
    </View>
  );
}
