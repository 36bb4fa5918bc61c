import { Text, View } from '@tarojs/components';
import { formatCny, formatCnyShort, type HeatClaimEvidence } from '@xiaoan/shared';
import { useState } from 'react';
import { describeLocalDate } from '../../../utils/shanghai-date';
import { formatDateRange } from '../../../features/weather/weather-format';
import {
  axisLabelIndexes,
  formatCelsius,
  heatChartBars,
  heatSummaryText,
  heightPctOf,
  HEAT_CHART_MAX_C,
  HEAT_CHART_MIN_C,
  shortDate,
  type HeatBar,
  type HeatBarKind,
} from './heat-chart';
import { EvidenceRow } from '../../../components/evidence-row/evidence-row';
import './heat-evidence.scss';

const LEGEND: { kind: HeatBarKind; label: string }[] = [
  { kind: 'paying', label: '赔付高温日' },
  { kind: 'deductible', label: '免赔高温日' },
  { kind: 'capped', label: '已达上限' },
  { kind: 'uncounted', label: '未计入（保障开始前）' },
  { kind: 'mild', label: '未达高温' },
];

const dayLabel = (date: string): string => describeLocalDate(date).label;

/** What one bar means, in words: the chart's readout when a bar is tapped. */
const readoutOf = (bar: HeatBar, threshold: number): string => {
  const base = `${dayLabel(bar.date)} 最高 ${formatCelsius(bar.tmaxCelsius)}`;
  switch (bar.kind) {
    case 'paying':
      return `${base} · 第${bar.hotDayNo}个高温日 · +${formatCny(bar.amountFen)}`;
    case 'deductible':
      return `${base} · 第${bar.hotDayNo}个高温日 · 免赔`;
    case 'capped':
      return `${base} · 第${bar.hotDayNo}个高温日 · 已达上限`;
    case 'uncounted':
      return `${base} · 不在保障期内，不计入`;
    case 'mild':
      return `${base} · 未达 ${threshold}°C`;
  }
};

interface HeatChartProps {
  evidence: HeatClaimEvidence;
  summary: string;
}

/**
 * The season's daily maxima as bars (28-42 °C), built from Views so it renders the same in the
 * weapp and in H5: hot days coloured by what they did for the claim, the 37 °C line across, a
 * marker where the deductible ends, dates under the axis. Tapping a bar reads it out.
 */
function HeatChart({ evidence, summary }: HeatChartProps) {
  const bars = heatChartBars(evidence);
  const [selected, setSelected] = useState<string | null>(null);
  const linePct = heightPctOf(evidence.thresholdCelsius);
  const labels = axisLabelIndexes(bars);
  // The deductible ends after the bar of its last hot day (when the claim has got that far).
  const deductibleEnd = bars.findIndex((bar) => bar.hotDayNo === evidence.deductibleDays);
  const shown = bars.find((bar) => bar.date === selected) ?? bars[bars.length - 1];
  const kinds = new Set(bars.map((bar) => bar.kind));

  return (
    <View className="heat-chart" role="img" aria-label={summary}>
      <View className="heat-chart__body">
        <View className="heat-chart__y" aria-hidden="true">
          <Text className="heat-chart__y-label heat-chart__y-label--top">{HEAT_CHART_MAX_C}°</Text>
          <Text className="heat-chart__y-label heat-chart__y-label--bottom">{HEAT_CHART_MIN_C}°</Text>
        </View>
        <View className="heat-chart__plot">
          <View className="heat-chart__bars">
            {bars.map((bar) => (
              <View
                key={bar.date}
                className={`heat-chart__bar heat-chart__bar--${bar.kind}${bar.flagged ? ' heat-chart__bar--flagged' : ''}${bar.date === selected ? ' heat-chart__bar--selected' : ''}`}
                data-date={bar.date}
                data-hot={bar.hot ? 'true' : 'false'}
                data-kind={bar.kind}
                style={{ height: `${bar.heightPct}%` }}
                onClick={() => setSelected(bar.date)}
              />
            ))}
          </View>
          <View className="heat-chart__line" style={{ bottom: `${linePct}%` }}>
            <Text className="heat-chart__line-label">{evidence.thresholdCelsius}°C 高温线</Text>
          </View>
          {deductibleEnd >= 0 && evidence.deductibleDays > 0 ? (
            <View className="heat-chart__deductible" style={{ left: `${((deductibleEnd + 1) / bars.length) * 100}%` }}>
              <Text className="heat-chart__deductible-label">免赔 {evidence.deductibleDays} 天</Text>
            </View>
          ) : null}
        </View>
      </View>
      <View className="heat-chart__axis" aria-hidden="true">
        {labels.map((index) => (
          <Text
            key={bars[index]!.date}
            className="heat-chart__axis-label"
            style={{ left: `${((index + 0.5) / bars.length) * 100}%` }}
          >
            {shortDate(bars[index]!.date)}
          </Text>
        ))}
      </View>
      {shown ? <Text className="heat-chart__readout">{readoutOf(shown, evidence.thresholdCelsius)}</Text> : null}
      <View className="heat-chart__legend" aria-hidden="true">
        {LEGEND.filter((entry) => kinds.has(entry.kind)).map((entry) => (
          <View key={entry.kind} className="heat-chart__legend-item">
            <View className={`heat-chart__swatch heat-chart__swatch--${entry.kind}`} />
            <Text>{entry.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export interface HeatEvidenceProps {
  evidence: HeatClaimEvidence;
  amountFen: number;
  paidFen: number;
}

/** A HEAT37 claim's facts: the season chart, the hot days counted, and the terms applied. */
export function HeatEvidence({ evidence, amountFen, paidFen }: HeatEvidenceProps) {
  const summary = heatSummaryText(evidence, amountFen, paidFen);
  const flagged = new Set(evidence.flaggedDates);
  return (
    <View className="claim-evidence heat-evidence" data-kind="heat">
      <View className="heat-evidence__head">
        <Text className="heat-evidence__city">☀️ {evidence.cityName}</Text>
        <Text className="heat-evidence__season">{evidence.seasonYear}年高温季</Text>
      </View>
      <Text className="heat-evidence__cover">
        保障 {formatDateRange(evidence.coverStartDate, evidence.coverEndDate)}
      </Text>

      {evidence.dailyMaxima.length > 0 ? (
        <HeatChart evidence={evidence} summary={summary} />
      ) : (
        <Text className="heat-evidence__empty">暂无气温记录，保障开始后每天记录一次日最高气温</Text>
      )}
      <Text className="heat-summary">{summary}</Text>

      <View className="heat-days">
        <Text className="heat-days__title">已计入的高温日</Text>
        {evidence.hotDays.length === 0 ? (
          <Text className="heat-days__empty">保障期内尚未出现高温日</Text>
        ) : (
          evidence.hotDays.map((day) => {
            const free = day.amountFen === 0 && day.hotDayNo <= evidence.deductibleDays;
            const kind = day.amountFen > 0 ? 'paying' : free ? 'deductible' : 'capped';
            return (
              <View key={day.date} className={`heat-days__item heat-days__item--${kind}`} data-date={day.date}>
                <Text className="heat-days__date">{dayLabel(day.date)}</Text>
                <Text className="heat-days__temp">{formatCelsius(day.tmaxCelsius)}</Text>
                <Text className="heat-days__no">第{day.hotDayNo}个高温日</Text>
                <Text className="heat-days__amount">
                  {day.amountFen > 0 ? `+${formatCny(day.amountFen)}` : free ? '免赔' : '已达上限'}
                </Text>
                {flagged.has(day.date) ? <Text className="heat-days__flag">读数复核中</Text> : null}
              </View>
            );
          })
        )}
      </View>

      <View className="claim-evidence__rows">
        <EvidenceRow label="参考气象站">{evidence.cityName}国家气象观测站</EvidenceRow>
        <EvidenceRow label="赔付标准">
          {evidence.units}份 · 免赔{evidence.deductibleDays}天后每天每份{formatCnyShort(evidence.tickPerUnitFen)}
          ，每份最高
          {formatCnyShort(evidence.capPerUnitFen)}
        </EvidenceRow>
        {evidence.flaggedDates.length > 0 ? (
          <Text className="heat-evidence__flagged">
            {evidence.flaggedDates.map(dayLabel).join('、')} 的读数在结算后被更正，已转人工复核；已发放的补贴不会追回。
          </Text>
        ) : null}
      </View>
    </View>
  );
}
