import { Text, View } from '@tarojs/components';
import type { FlightClaimEvidence } from '@xiaoan/shared';
import { formatLocalDate, formatShanghaiTime, shanghaiDayDiff } from '../../../utils/shanghai-date';
import { EvidenceRow } from '../../../components/evidence-row/evidence-row';

const OUTCOME_LABEL: Record<FlightClaimEvidence['outcome'], string> = {
  arrived: '已到达',
  cancelled: '航班取消',
  diverted: '航班备降',
  no_final_status: '无最终状态',
  implausible_arrival: '数据待核实',
};

const comparison = (delay: number, threshold: number): string => `${delay >= threshold ? '≥' : '<'} ${threshold}`;

/** One line, as customer service reads it: "计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120". */
export const evidenceSummary = (evidence: FlightClaimEvidence): string => {
  const planned = `计划 ${formatShanghaiTime(evidence.scheduledArrival)} 到达`;
  switch (evidence.outcome) {
    case 'cancelled':
      return `${planned} · 航班取消`;
    case 'diverted':
      return `${planned} · 航班备降`;
    case 'no_final_status':
      return `${planned} · 超过 6 小时仍无最终状态`;
    case 'implausible_arrival':
      return `${planned} · 到达数据待核实`;
    case 'arrived': {
      const actual = evidence.actualArrival ? ` · 实际 ${formatShanghaiTime(evidence.actualArrival)}` : '';
      const delay = evidence.delayMinutes;
      if (delay === null) return `${planned}${actual}`;
      if (delay <= 0) return `${planned}${actual} · 准点到达`;
      return `${planned}${actual} · 晚 ${delay} 分钟 ${comparison(delay, evidence.thresholdMinutes)}`;
    }
  }
};

function DelayBar({ delay, threshold }: { delay: number; threshold: number }) {
  // The scale leaves room past whichever is longer, so neither the bar nor the marker sits on the edge.
  const scale = Math.max(delay, threshold) * 1.2;
  const fill = Math.max(0, Math.min(100, (delay / scale) * 100));
  const mark = (threshold / scale) * 100;
  const met = delay >= threshold;
  return (
    <View className="delay-bar" data-met={met ? 'true' : 'false'}>
      <View className="delay-bar__track">
        <View className={`delay-bar__fill${met ? ' delay-bar__fill--met' : ''}`} style={{ width: `${fill}%` }} />
        <View className="delay-bar__mark" style={{ left: `${mark}%` }} />
      </View>
      <View className="delay-bar__labels">
        <Text className="delay-bar__mark-label" style={{ left: `${mark}%` }}>
          赔付线 {threshold} 分钟
        </Text>
      </View>
    </View>
  );
}

/** The objective facts a flight claim was decided on: planned vs actual arrival (Beijing time) and the rule. */
export function FlightEvidence({ evidence }: { evidence: FlightClaimEvidence }) {
  const { actualArrival, delayMinutes, thresholdMinutes } = evidence;
  const nextDay = actualArrival ? shanghaiDayDiff(evidence.scheduledArrival, actualArrival) : 0;
  const late = delayMinutes !== null && delayMinutes > 0;
  const met = delayMinutes !== null && delayMinutes >= thresholdMinutes;
  return (
    <View className="claim-evidence" data-outcome={evidence.outcome}>
      <View className="claim-evidence__head">
        <Text className="claim-evidence__flight">✈ {evidence.flightNo}</Text>
        <Text className="claim-evidence__date">{formatLocalDate(evidence.flightDate)}</Text>
        <Text className={`claim-evidence__outcome claim-evidence__outcome--${evidence.outcome}`}>
          {OUTCOME_LABEL[evidence.outcome]}
        </Text>
      </View>

      <View className="claim-evidence__times">
        <View className="claim-evidence__time">
          <Text className="claim-evidence__time-label">计划到达</Text>
          <Text className="claim-evidence__time-value claim-evidence__scheduled">
            {formatShanghaiTime(evidence.scheduledArrival)}
          </Text>
        </View>
        <View className={`claim-evidence__arrow${late ? ' claim-evidence__arrow--late' : ''}`}>
          {late ? <Text className="claim-evidence__delay">晚 {delayMinutes} 分钟</Text> : null}
          <View className="claim-evidence__arrow-line" />
        </View>
        <View className="claim-evidence__time claim-evidence__time--actual">
          <Text className="claim-evidence__time-label">实际到达</Text>
          <Text
            className={`claim-evidence__time-value claim-evidence__actual${late ? ' claim-evidence__actual--late' : ''}`}
          >
            {actualArrival ? formatShanghaiTime(actualArrival) : '—'}
            {nextDay > 0 ? <Text className="claim-evidence__next-day">+{nextDay}天</Text> : null}
          </Text>
        </View>
      </View>
      <Text className="claim-evidence__tz">均为北京时间</Text>

      {evidence.outcome === 'arrived' && delayMinutes !== null ? (
        <View className="claim-evidence__delay-block">
          <View className="claim-evidence__delay-row">
            <Text className="claim-evidence__delay-text">
              延误 <Text className="claim-evidence__delay-minutes">{Math.max(0, delayMinutes)}</Text> 分钟
            </Text>
            <Text className={`claim-evidence__verdict${met ? ' claim-evidence__verdict--met' : ''}`}>
              {met ? `✓ 达到 ${thresholdMinutes} 分钟赔付条件` : `未达 ${thresholdMinutes} 分钟赔付条件`}
            </Text>
          </View>
          <DelayBar delay={Math.max(0, delayMinutes)} threshold={thresholdMinutes} />
        </View>
      ) : null}

      <Text className="claim-evidence__summary">{evidenceSummary(evidence)}</Text>

      <View className="claim-evidence__rows">
        <EvidenceRow label="赔付条件" rule>
          到达延误≥{evidence.thresholdMinutes}分钟，或航班取消、备降
        </EvidenceRow>
        <EvidenceRow label="数据来源">航班动态数据 · {evidence.providerEventIds.length} 条记录</EvidenceRow>
      </View>
    </View>
  );
}
