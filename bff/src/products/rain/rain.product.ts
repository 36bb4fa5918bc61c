import { formatCny, rainClaimEvidenceSchema } from '@xiaoan/shared';
import { monthDayLabel } from '../labels.js';
import type { PlaceCover, ProductKind } from '../product-kind.js';
import { checkRainSale } from './rain-sale-rules.js';
import { rainSubjectOf } from './rain-subject.js';

/** Where RAIN differs from the other kinds sold per place (quoting uses the same rules). */
export const rainPlace: PlaceCover<'rain'> = {
  placeKind: 'spot',
  stopSaleReason: checkRainSale,
  // Every person covered is named: N persons, N identities.
  insuredCount: (units) => units,
  // One visit day: it is the cover and the capacity period.
  coverAtIssue: (terms, order, now) =>
    checkRainSale(terms, order.coverEndDate, now)
      ? null
      : { start: order.coverEndDate, end: order.coverEndDate, capacityPeriod: order.coverEndDate, accrual: null },
  capacityPeriod: (coverEndDate) => coverEndDate,
};

/** RAIN: a scenic spot on one visit day for a number of persons; enough rain in the window pays each. */
export const rain: ProductKind<'rain'> = {
  kind: 'rain',
  termsKind: 'rain',
  place: rainPlace,
  policySubject: (row, terms) => rainSubjectOf(terms, row.place!, { date: row.coverStartDate!, persons: row.units! }),
  orderLine: (order) =>
    `${order.placeName ?? ''} · ${order.coverStartDate ? monthDayLabel(order.coverStartDate) : ''}${order.units ? ` · ${order.units}人` : ''}`,
  evidenceGrows: false,
  storedEvidence: (raw) => rainClaimEvidenceSchema.parse(raw),
  documentPeriod: (subject) => `${subject.visitDate} 00:00 至 24:00（北京时间）`,
  documentRows: (subject) => [
    ['景区', `${subject.cityName} · ${subject.spotName}（以景区观测站为准）`],
    ['游玩日期', subject.visitDate],
    ['人数', `${subject.persons} 人`],
    ['赔付条件', `当日 ${subject.windowStart}–${subject.windowEnd} 累计降水量 ≥ ${subject.thresholdMm.toFixed(1)} mm`],
    [
      '给付标准',
      `每人 ${formatCny(subject.payoutPerPersonFen)}，本单 ${formatCny(subject.payoutPerPersonFen * subject.persons)}`,
    ],
  ],
  claimHeadline: (evidence) =>
    `${evidence.spotName} ${evidence.visitDate.slice(5)} 降雨 ${evidence.windowTotalMm} 毫米`,
  claimBasis: (evidence) => rain.claimHeadline(evidence),
  // At the end of the last hour counted: when the window's total was known.
  evidenceEvents: (evidence, claimCreatedAt) => {
    const lastHour = evidence.hours.at(-1);
    return [
      {
        at: lastHour ? new Date(Date.parse(lastHour.hourStart) + 3600_000) : claimCreatedAt,
        title: '景区降雨达到理赔条件',
        detail: `${evidence.windowStart}–${evidence.windowEnd} 累计 ${evidence.windowTotalMm} 毫米 ≥ ${evidence.thresholdMm} 毫米`,
      },
    ];
  },
  approvedEvent: (amountFen) => ({ title: '理赔已批准', detail: `按条款赔付 ${formatCny(amountFen)}` }),
  manualReviewDetail: '客服将根据气象观测数据尽快处理',
  manualReviewAnswer: '降雨读数正在复核，客服会根据气象观测数据尽快处理',
  cannedVariables: () => ({}),
  staffSubject: (evidence) => ({ label: '景区', value: `${evidence.spotName} ${evidence.visitDate}` }),
};
