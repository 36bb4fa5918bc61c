import { formatCny, formatCnyShort } from '@xiaoan/shared';
import { formatMm } from '../../features/weather/weather-format';
import { rainPageUrl } from '../../routes';
import { formatLocalDate, formatShanghaiMonthDayTime } from '../../utils/shanghai-date';
import type { ProductKindUi } from '../product-kind';
import { RainEvidence } from './rain-evidence/rain-evidence';

/** RAIN: a scenic spot on one visit day for a number of persons; enough rain in the window pays each. */
export const rain = {
  kind: 'rain',
  category: 'rain',
  categoryMeta: { icon: '🌧️', label: '出游保障', tone: 'rain' },
  buyPageUrl: rainPageUrl,
  buyNote: '下一步：选择景区和日期',
  purchaseSteps: ['选择景区', '确认报价', '填写信息', '支付'],
  idTypes: ['id_card'],
  relationHint: {
    self: '请填写您本人的信息，须与身份证件一致；保单按投保人数赔付。',
    other: '请确认已征得被保险人同意，并填写其本人信息；保单按投保人数赔付。',
  },
  resultCopy: {
    issued: '电子保单已生成，游玩当天景区降雨达到条件将自动赔付',
    reminderOn: '已开启。景区降雨达到赔付条件时，我们会第一时间通知您领取赔款。',
    reminderIntro: '下雨赔款自动发放，开启提醒后到账时通知您。',
    again: '看看其他保障',
  },
  cardIcon: '🌧️ ',
  subjectTitle: '承保景区',
  payoutLabel: '下雨赔付',
  detailPayoutLabel: '下雨赔付',
  waitingClaimTitle: '下雨赔款待领取',
  claimCopy: {
    greeting: '景区下雨，赔款已备好',
    review: '降雨读数正在复核，理赔已转人工审核，结果会通过服务通知告诉您。',
    rejected: '根据气象观测数据，本次未达到保单约定的赔付条件。',
    statement:
      '理赔由景区参考气象站的降雨数据自动判定，无需报案。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。',
  },
  claimAmountLabel: '赔付金额',
  personsOf: (subject) => subject.persons,
  lines: (subject) => ({
    title: `${subject.spotName} · ${subject.cityName}`,
    detail: `${formatLocalDate(subject.visitDate)} ${subject.windowStart}–${subject.windowEnd} · ${subject.persons}人`,
  }),
  triggerText: (subject) =>
    `${subject.windowStart}–${subject.windowEnd} 景区观测站累计降雨≥${formatMm(subject.thresholdMm)}毫米，` +
    `每人赔 ${formatCnyShort(subject.payoutPerPersonFen)}，自动发放`,
  detailRows: (subject) => [{ label: '保障人数', value: `${subject.persons}人` }],
  quoteBreakdown: (premiumFen, subject) =>
    premiumFen % subject.persons === 0
      ? `每人 ${formatCny(premiumFen / subject.persons)} × ${subject.persons} 人`
      : `共 ${subject.persons} 人`,
  quoteRows: (subject) => [{ label: '停售时间', value: formatShanghaiMonthDayTime(subject.saleClosesAt) }],
  Evidence: RainEvidence,
} satisfies ProductKindUi<'rain'>;
