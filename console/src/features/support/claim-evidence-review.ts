import type { ClaimEvidence } from '@xiaoan/shared';

/**
 * What the manual-review page says about one kind of evidence.
 *
 * `line` is a method on purpose: a method's parameter is checked bivariantly, so the entry for one
 * kind can be handed out for evidence whose kind is known only at run time (as the BFF's ProductKind).
 */
interface EvidenceReview<E extends ClaimEvidence> {
  /** The line under the timeline: the rule applied and the readings it was judged on. */
  line(evidence: E): string;
  /** Where an agent checks the facts before approving: the example in the approval dialog. */
  readonly basisExample: string;
}

const mm = (value: number) => `${value.toFixed(1)} 毫米`;

/** One entry per evidence kind: a kind added to the shared union without one here fails to compile. */
const EVIDENCE_REVIEW: { readonly [K in ClaimEvidence['kind']]: EvidenceReview<Extract<ClaimEvidence, { kind: K }>> } =
  {
    flight: {
      line: (evidence) =>
        `规则 ${evidence.rule} · 延误阈值 ${evidence.thresholdMinutes} 分钟 · 数据源事件 ${evidence.providerEventIds.length} 条`,
      basisExample: '航班公开信息',
    },
    heat: {
      line: (evidence) =>
        [
          `规则 ${evidence.rule}`,
          `高温日 ≥ ${evidence.thresholdCelsius}°C`,
          `已计 ${evidence.hotDays.length} 个高温日（免赔 ${evidence.deductibleDays} 天）`,
          ...(evidence.flaggedDates.length > 0 ? [`读数更正待复核 ${evidence.flaggedDates.join('、')}`] : []),
          `观测站 ${evidence.stationId}`,
        ].join(' · '),
      basisExample: '气象观测数据',
    },
    rain: {
      line: (evidence) =>
        [
          `规则 ${evidence.rule}`,
          `${evidence.windowStart}–${evidence.windowEnd} 累计 ${mm(evidence.windowTotalMm)}，阈值 ${mm(evidence.thresholdMm)}`,
          `观测站 ${evidence.stationId}`,
          `数据源事件 ${evidence.providerEventIds.length} 条`,
        ].join(' · '),
      basisExample: '气象观测数据',
    },
  };

export const claimEvidenceReview = (evidence: ClaimEvidence): EvidenceReview<ClaimEvidence> =>
  EVIDENCE_REVIEW[evidence.kind];
