import { beijingInstant, formatCny, heatDeductibleDays } from '@xiaoan/shared';
import type { PlaceCover, ProductKind } from '../product-kind.js';
import { checkHeatSale } from './heat-sale-rules.js';
import { heatSubjectOf } from './heat-subject.js';

/** HEAT37 capacity is counted per city and season: the season's year. */
const seasonOf = (coverEndDate: string): string => coverEndDate.slice(0, 4);

/** Where HEAT37 differs from the other kinds sold per place (quoting uses the same rules). */
export const heatPlace: PlaceCover<'heat'> = {
  placeKind: 'city',
  stopSaleReason: (terms, coverEndDate, now) => {
    const sale = checkHeatSale(terms, Number(seasonOf(coverEndDate)), now);
    return sale.ok ? null : sale.code;
  },
  // One person is insured; the units are 份 of the same cover.
  insuredCount: () => 1,
  // The waiting period runs from payment: the cover starts when the money arrived, not when quoted.
  coverAtIssue: (terms, order, now) => {
    const sale = checkHeatSale(terms, Number(seasonOf(order.coverEndDate)), now);
    if (!sale.ok) return null;
    return {
      start: sale.cover.start,
      end: sale.cover.end,
      capacityPeriod: seasonOf(order.coverEndDate),
      accrual: {
        deductibleDays: heatDeductibleDays(terms, order.placeCode),
        tickFen: terms.tickPerUnitFen * order.units,
      },
    };
  },
  capacityPeriod: seasonOf,
};

/** HEAT37: a city's hot season in units; every hot day past the deductible pays, up to a cap per unit. */
export const heat: ProductKind<'heat'> = {
  kind: 'heat',
  termsKind: 'heat',
  place: heatPlace,
  policySubject: (row, terms) =>
    heatSubjectOf(terms, row.place!, {
      seasonYear: Number(seasonOf(row.coverEndDate!)),
      units: row.units!,
      start: row.coverStartDate!,
      end: row.coverEndDate!,
      deductibleDays: row.deductibleDays ?? heatDeductibleDays(terms, row.place!.code),
    }),
  orderLine: (order) => `${order.placeName ?? ''} · ${seasonOf(order.coverEndDate ?? '')}年高温季`,
  // The row holds only the city: the days counted are accruals, read by `HeatEvidenceReader`.
  evidenceGrows: true,
  storedEvidence: () => {
    throw new Error('a HEAT37 claim has no stored evidence: it is read from its accruals');
  },
  documentPeriod: (subject) => `${subject.coverStartDate} 00:00 至 ${subject.coverEndDate} 24:00（北京时间）`,
  documentRows: (subject) => [
    ['保障城市', `${subject.cityName}（以参考观测站日最高气温为准）`],
    ['保障期间', `${subject.coverStartDate} 至 ${subject.coverEndDate}（已扣除等待期）`],
    ['份数', `${subject.units} 份`],
    ['高温日', `日最高气温 ≥ ${subject.thresholdCelsius}°C`],
    ['免赔天数', `${subject.deductibleDays} 天`],
    [
      '给付标准',
      `超过免赔天数后每个高温日每份 ${formatCny(subject.tickPerUnitFen)}，每份最高 ${formatCny(subject.capPerUnitFen)}，本单最高 ${formatCny(subject.capPerUnitFen * subject.units)}`,
    ],
  ],
  claimHeadline: (evidence) => `${evidence.cityName} 已计 ${evidence.hotDays.length} 个高温日`,
  claimBasis: (evidence) => heat.claimHeadline(evidence),
  // Each hot day at 15:00 Beijing time, about when the day's maximum is read.
  evidenceEvents: (evidence) =>
    evidence.hotDays.map((day) => ({
      at: beijingInstant(day.date, '15:00'),
      title: `第 ${day.hotDayNo} 个高温日`,
      detail: `${day.date.slice(5)} 最高 ${day.tmaxCelsius.toFixed(1)}°C · ${day.amountFen > 0 ? `补贴 ${formatCny(day.amountFen)}` : day.hotDayNo <= evidence.deductibleDays ? '免赔期内' : '已达上限'}`,
    })),
  // The claim keeps growing after approval: the entry says how much so far.
  approvedEvent: (amountFen) => ({ title: '累计补贴', detail: `已累计 ${formatCny(amountFen)}` }),
  manualReviewDetail: '客服将根据气象观测数据尽快处理',
  manualReviewAnswer: '气温读数正在复核，客服会根据气象观测数据尽快处理',
  cannedVariables: () => ({}),
  staffSubject: (evidence) => ({ label: '城市', value: `${evidence.cityName} ${evidence.seasonYear} 高温季` }),
};
